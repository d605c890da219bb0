import type { ZoomTarget, ZoomValueKind } from './zoom-target.rules';

export type ZoomValue = string | boolean;

export type ValueProblem = 'malformed-email' | 'outside-allowed-set' | 'not-a-single-value';

export type ValueCheck = { ok: true; value: ZoomValue } | { ok: false; problem: ValueProblem };

// Deliberately loose, like Zoom itself: something@something.tld without spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[+()\d\s./-]*\d[+()\d\s./-]*(\s*(x|ext\.?)\s*\d+)?$/i;
const MAX_PHONE_LENGTH = 64;

/** Whether Zoom would take `value` for `target`, and the form it should be sent in. */
export function checkTargetValue(target: ZoomTarget, value: unknown): ValueCheck {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    return { ok: false, problem: 'not-a-single-value' };
  }
  const kind = target.kind;
  const text = String(value).trim();
  switch (kind.type) {
    case 'text':
      return { ok: true, value: typeof value === 'string' ? value : text };
    case 'email':
      return EMAIL.test(text) ? { ok: true, value: text } : { ok: false, problem: 'malformed-email' };
    case 'phone':
      return PHONE.test(text) && text.length <= MAX_PHONE_LENGTH ? { ok: true, value: text } : { ok: false, problem: 'outside-allowed-set' };
    case 'boolean':
      return readBoolean(value);
    case 'choice': {
      const chosen = kind.allowed.find((allowed) => allowed.toLowerCase() === text.toLowerCase());
      return chosen === undefined ? { ok: false, problem: 'outside-allowed-set' } : { ok: true, value: chosen };
    }
    case 'pattern':
      return kind.pattern.test(text) ? { ok: true, value: text } : { ok: false, problem: 'outside-allowed-set' };
  }
}

/** What a target accepts, in words: "true or false", "Basic, Licensed or On-Prem". */
export function describeAllowed(kind: ZoomValueKind): string {
  switch (kind.type) {
    case 'text':
      return 'text';
    case 'email':
      return 'an email address such as ada@example.com';
    case 'phone':
      return 'a phone number such as +1 555 0100';
    case 'boolean':
      return 'true or false';
    case 'choice':
      return listInWords(kind.allowed.map((allowed) => `"${allowed}"`));
    case 'pattern':
      return kind.rule;
  }
}

export function listInWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`;
}

// Okta custom attributes are often strings, so "true" and "false" count as the booleans they say.
function readBoolean(value: string | number | boolean): ValueCheck {
  if (typeof value === 'boolean') {
    return { ok: true, value };
  }
  const text = String(value).trim().toLowerCase();
  if (text === 'true' || text === 'false') {
    return { ok: true, value: text === 'true' };
  }
  return { ok: false, problem: 'outside-allowed-set' };
}
