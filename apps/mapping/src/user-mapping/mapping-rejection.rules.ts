import type { MappingRule } from '../mapping-rules/mapping-rule.model';
import { describeAllowed } from '../zoom-targets/zoom-value.rules';

export enum RejectionCode {
  REQUIRED_VALUE_MISSING = 'required-value-missing',
  MALFORMED_EMAIL = 'malformed-email',
  VALUE_NOT_ALLOWED = 'value-not-allowed',
  LOOKUP_MISS = 'lookup-miss',
  NOT_A_SINGLE_VALUE = 'not-a-single-value',
}

export interface Rejection {
  code: RejectionCode;
  rule: string;
  /** The Zoom attribute the rule writes. */
  attribute: string;
  value: string | null;
  reason: string;
}

const MAX_VALUE_LENGTH = 200;

/** The rejection an Okta admin reads: which rule, which attribute, which value, and what to do. */
export function rejectUser(code: RejectionCode, rule: MappingRule, read: string, value: unknown): Rejection {
  const shown = showValue(value);
  return { code, rule: rule.id, attribute: rule.target.name, value: shown, reason: reasonFor(code, rule, read, shown ?? '') };
}

function reasonFor(code: RejectionCode, rule: MappingRule, read: string, value: string): string {
  const { label, requiredByZoom, kind } = rule.target;
  switch (code) {
    case RejectionCode.REQUIRED_VALUE_MISSING:
      return requiredByZoom
        ? `Zoom needs a ${label} for every user, and this user has no value for ${read} in Okta (rule "${rule.id}"). Fill it in on the user's Okta profile, or change the rule.`
        : `Rule "${rule.id}" requires a ${label}, and this user has no value for ${read} in Okta. Fill it in on the user's Okta profile, or set required: false on the rule.`;
    case RejectionCode.MALFORMED_EMAIL:
      return `"${value}" (from ${read}, rule "${rule.id}") is not a valid email address, so Zoom would refuse it as the ${label}. Correct it on the user's Okta profile.`;
    case RejectionCode.VALUE_NOT_ALLOWED:
      return `Zoom accepts only ${describeAllowed(kind)} as the ${label}, and rule "${rule.id}" produced "${value}" from ${read}. Change the value in Okta, or adjust the rule.`;
    case RejectionCode.LOOKUP_MISS:
      return `Rule "${rule.id}" has no table entry for ${read} "${value}" and no default, so the ${label} cannot be decided. Add "${value}" to the rule's table, or give the rule a default.`;
    case RejectionCode.NOT_A_SINGLE_VALUE:
      return `${read} holds a list or a structure, not a single value, so it cannot become the ${label} (rule "${rule.id}"). Point the rule at one value, for example with a [type eq "work"] filter and .value.`;
  }
}

function showValue(value: unknown): string | null {
  if (value === undefined || value === null) {
    return null;
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH)}…` : text;
}
