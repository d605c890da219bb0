import type { GroupChange } from '@bridge/contracts';
import type { PatchOperation } from '@bridge/scim';

export interface GroupDelta {
  changes: GroupChange[];
  added: string[];
  removed: string[];
}

/**
 * What a membership or name change did, for `scim.group.changed`. Okta sends a rename with every
 * membership PATCH, so "renamed" is reported only when the name really changed.
 */
export function groupDelta(
  before: { displayName: string; memberIds: readonly string[] },
  after: { displayName: string; memberIds: readonly string[] },
  replacedMembers: boolean,
): GroupDelta {
  const previous = new Set(before.memberIds);
  const next = new Set(after.memberIds);
  const added = after.memberIds.filter((id) => !previous.has(id));
  const removed = before.memberIds.filter((id) => !next.has(id));
  const changes: GroupChange[] = [];
  if (before.displayName !== after.displayName) {
    changes.push('renamed');
  }
  if (replacedMembers && (added.length > 0 || removed.length > 0)) {
    changes.push('members-replaced');
  } else {
    if (added.length > 0) {
      changes.push('members-added');
    }
    if (removed.length > 0) {
      changes.push('members-removed');
    }
  }
  return { changes, added, removed };
}

/** Whether the operations set the whole member list (replace of `members`, or a no-path replace carrying members). */
export function replacesMembers(operations: readonly PatchOperation[]): boolean {
  return operations.some(
    (operation) =>
      operation.op === 'replace' &&
      (operation.path?.toLowerCase() === 'members' ||
        (operation.path === undefined && typeof operation.value === 'object' && operation.value !== null && Object.keys(operation.value).some((key) => key.toLowerCase() === 'members'))),
  );
}
