import type { ZoomUserCommand } from '@bridge/contracts';
import { SchemaUrns } from '@bridge/scim';

/** A command for a user who should exist in Zoom with these attributes. */
export function present(scimUserId: string, userName: string, version: number, extra: Record<string, unknown> = {}, active = true): ZoomUserCommand {
  return {
    scimUserId,
    userName,
    sourceChange: version === 1 ? 'created' : 'replaced',
    sourceVersion: version,
    desired: { state: 'present', active, user: { schemas: [SchemaUrns.user], userName, name: { givenName: 'Ada', familyName: 'Lovelace' }, active, ...extra } },
  };
}
