import { SchemaUrns } from '@bridge/scim';

/** A POST /Users body as zoom-writer sends it. */
export function userBody(userName: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemas: [SchemaUrns.user],
    userName,
    name: { givenName: 'Ada', familyName: 'Lovelace' },
    emails: [{ value: userName, type: 'work', primary: true }],
    active: true,
    ...extra,
  };
}

export function activePatch(active: boolean): Record<string, unknown> {
  return { schemas: [SchemaUrns.patchOp], Operations: [{ op: 'replace', value: { active } }] };
}
