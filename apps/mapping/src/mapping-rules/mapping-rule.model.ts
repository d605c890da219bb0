import type { ZoomTarget } from '../zoom-targets/zoom-target.rules';
import type { ScimPath } from './scim-path.rules';
import type { TemplatePart } from './template.rules';

export type Scalar = string | number | boolean;

/** Where a rule's value comes from: the transform, compiled. */
export type ValueSource =
  | { kind: 'copy' | 'trim' | 'lowercase'; from: readonly ScimPath[] }
  | { kind: 'template'; template: string; parts: readonly TemplatePart[] }
  | { kind: 'constant'; value: Scalar }
  | { kind: 'lookup'; from: readonly ScimPath[]; table: ReadonlyMap<string, Scalar>; fallback: Scalar | undefined };

export type ConditionTest = { equals: Scalar } | { notEquals: Scalar } | { in: readonly Scalar[] } | { present: boolean };

export interface Condition {
  attribute: ScimPath;
  test: ConditionTest;
}

export type RuleAction = { kind: 'set'; source: ValueSource } | { kind: 'remove' };

/** One compiled rule: it applies when every condition holds, and then decides its target. */
export interface MappingRule {
  id: string;
  target: ZoomTarget;
  conditions: readonly Condition[];
  action: RuleAction;
  /** A missing value rejects the user instead of leaving the attribute out. */
  required: boolean;
}

/** A tenant's rules per target, in catalogue order; within a target the first applicable rule decides. */
export interface CompiledMapping {
  targets: readonly { target: ZoomTarget; rules: readonly MappingRule[] }[];
}

/** Lookup keys match without regard to case or surrounding spaces, as Okta admins type them. */
export function lookupKey(value: Scalar): string {
  return String(value).trim().toLowerCase();
}
