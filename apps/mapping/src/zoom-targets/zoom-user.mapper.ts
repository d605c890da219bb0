import { SchemaUrns } from '@bridge/scim';
import type { ZoomTarget } from './zoom-target.rules';
import type { ZoomValue } from './zoom-value.rules';

export type ZoomUserJson = Record<string, unknown>;

const EXTENSION_ORDER: readonly string[] = [SchemaUrns.enterpriseUser, SchemaUrns.zoomUser, SchemaUrns.zoomUserLogin];

/** Zoom's SCIM user from checked target values: nested names, one work email, typed phones, extensions. */
export function toZoomUser(values: readonly (readonly [ZoomTarget, ZoomValue])[]): ZoomUserJson {
  const user: ZoomUserJson = { schemas: [SchemaUrns.user] };
  const extensions = new Map<string, Record<string, ZoomValue>>();
  const phones: { value: ZoomValue; type: string }[] = [];
  for (const [target, value] of values) {
    const placement = target.placement;
    switch (placement.at) {
      case 'core':
        setNested(user, placement.path, value);
        break;
      case 'email':
        user['emails'] = [{ value, type: placement.emailType, primary: true }];
        break;
      case 'phone':
        phones.push({ value, type: placement.phoneType });
        break;
      case 'extension': {
        const extension = extensions.get(placement.urn) ?? {};
        extension[placement.attribute] = value;
        extensions.set(placement.urn, extension);
        break;
      }
    }
  }
  if (phones.length > 0) {
    user['phoneNumbers'] = phones;
  }
  for (const urn of EXTENSION_ORDER) {
    const extension = extensions.get(urn);
    if (extension !== undefined) {
      (user['schemas'] as string[]).push(urn);
      user[urn] = extension;
    }
  }
  return user;
}

function setNested(user: ZoomUserJson, path: readonly string[], value: ZoomValue): void {
  let node = user;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    node = typeof next === 'object' && next !== null ? (next as ZoomUserJson) : (node[key] = {});
  }
  node[path[path.length - 1] ?? ''] = value;
}
