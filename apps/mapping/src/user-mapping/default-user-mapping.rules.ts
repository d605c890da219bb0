import type { ScimUserSnapshot } from '@bridge/contracts';
import { SchemaUrns } from '@bridge/scim';

export type MappingOutcome =
  | { ok: true; user: Record<string, unknown>; active: boolean }
  | { ok: false; rule: string; attribute: string | null; value: string | null; reason: string };

interface MultiValued {
  value?: unknown;
  type?: unknown;
  primary?: unknown;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The default attribute mapping from Okta's SCIM user to Zoom's SCIM user: userName, the
 * primary work email, names, displayName, title, phone numbers, department, locale, active.
 */
export function mapUserToZoom(source: ScimUserSnapshot): MappingOutcome {
  const userName = source.userName.trim().toLowerCase();
  if (!EMAIL.test(userName)) {
    return {
      ok: false,
      rule: 'userName',
      attribute: 'userName',
      value: source.userName,
      reason: `Zoom identifies users by email, and "${source.userName}" is not an email address. Map the Okta username (or email) to userName.`,
    };
  }
  const email = primaryEmail(source.emails) ?? userName;
  const name = (source.name ?? {}) as { givenName?: unknown; familyName?: unknown };
  const enterprise = source[SchemaUrns.enterpriseUser] as { department?: unknown } | undefined;
  const user: Record<string, unknown> = {
    schemas: [SchemaUrns.user],
    userName,
    name: compact({ givenName: text(name.givenName), familyName: text(name.familyName) }),
    displayName: text(source['displayName']) ?? joinName(text(name.givenName), text(name.familyName)),
    emails: [{ value: email.toLowerCase(), type: 'work', primary: true }],
    title: text(source['title']),
    locale: text(source['locale']),
    phoneNumbers: phoneNumbers(source['phoneNumbers'] as MultiValued[] | undefined),
    active: source.active,
  };
  const department = text(enterprise?.department);
  if (department !== undefined) {
    user['schemas'] = [SchemaUrns.user, SchemaUrns.enterpriseUser];
    user[SchemaUrns.enterpriseUser] = { department };
  }
  return { ok: true, user: compact(user), active: source.active };
}

function primaryEmail(emails: MultiValued[] | undefined): string | undefined {
  if (!Array.isArray(emails)) {
    return undefined;
  }
  const candidates = emails.filter((email) => typeof email.value === 'string');
  const chosen =
    candidates.find((email) => email.primary === true && email.type === 'work') ??
    candidates.find((email) => email.type === 'work') ??
    candidates.find((email) => email.primary === true) ??
    candidates[0];
  return chosen?.value as string | undefined;
}

function phoneNumbers(numbers: MultiValued[] | undefined): MultiValued[] | undefined {
  if (!Array.isArray(numbers)) {
    return undefined;
  }
  const mapped = numbers
    .filter((entry) => typeof entry.value === 'string' && entry.value.trim() !== '')
    .map((entry) => compact({ value: (entry.value as string).trim(), type: text(entry.type) ?? 'work' }));
  return mapped.length > 0 ? mapped : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function joinName(given: string | undefined, family: string | undefined): string | undefined {
  const joined = [given, family].filter(Boolean).join(' ');
  return joined === '' ? undefined : joined;
}

function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
