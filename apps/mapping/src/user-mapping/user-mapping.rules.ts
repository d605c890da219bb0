import type { CompiledMapping, MappingRule } from '../mapping-rules/mapping-rule.model';
import type { ZoomTarget } from '../zoom-targets/zoom-target.rules';
import { toZoomUser, type ZoomUserJson } from '../zoom-targets/zoom-user.mapper';
import { checkTargetValue, type ValueProblem, type ZoomValue } from '../zoom-targets/zoom-value.rules';
import { RejectionCode, rejectUser, type Rejection } from './mapping-rejection.rules';
import { conditionsHold, produceValue } from './rule-evaluation.rules';

export type MappingOutcome = { ok: true; user: ZoomUserJson; active: boolean } | { ok: false; rejection: Rejection };

type TargetOutcome = { kind: 'value'; value: ZoomValue } | { kind: 'omitted' } | { kind: 'rejected'; rejection: Rejection };

/** The whole desired Zoom user for one Okta user, or the first rule (in catalogue order) that refuses it. */
export function applyMapping(mapping: CompiledMapping, user: Readonly<Record<string, unknown>> & { active: boolean }): MappingOutcome {
  const values: [ZoomTarget, ZoomValue][] = [];
  for (const { target, rules } of mapping.targets) {
    const outcome = mapTarget(target, rules, user);
    if (outcome.kind === 'rejected') {
      return { ok: false, rejection: outcome.rejection };
    }
    if (outcome.kind === 'value') {
      values.push([target, outcome.value]);
    }
  }
  const active = values.find(([target]) => target.name === 'active')?.[1];
  return { ok: true, user: toZoomUser(values), active: typeof active === 'boolean' ? active : user.active };
}

function mapTarget(target: ZoomTarget, rules: readonly MappingRule[], user: Readonly<Record<string, unknown>>): TargetOutcome {
  const rule = rules.find((candidate) => conditionsHold(candidate.conditions, user));
  if (rule === undefined) {
    const last = rules[rules.length - 1];
    // Only reachable when every rule for a target Zoom requires is conditional and none applied.
    return target.requiredByZoom && last !== undefined ? { kind: 'rejected', rejection: rejectUser(RejectionCode.REQUIRED_VALUE_MISSING, last, 'any rule whose condition holds', undefined) } : { kind: 'omitted' };
  }
  if (rule.action.kind === 'remove') {
    return { kind: 'omitted' };
  }
  const produced = produceValue(rule.action.source, user);
  switch (produced.kind) {
    case 'missing':
      return rule.required ? { kind: 'rejected', rejection: rejectUser(RejectionCode.REQUIRED_VALUE_MISSING, rule, produced.read, undefined) } : { kind: 'omitted' };
    case 'lookup-miss':
      return { kind: 'rejected', rejection: rejectUser(RejectionCode.LOOKUP_MISS, rule, produced.read, produced.key) };
    case 'value': {
      const checked = checkTargetValue(target, produced.value);
      return checked.ok ? { kind: 'value', value: checked.value } : { kind: 'rejected', rejection: rejectUser(codeOf(checked.problem), rule, produced.read, produced.value) };
    }
  }
}

function codeOf(problem: ValueProblem): RejectionCode {
  switch (problem) {
    case 'malformed-email':
      return RejectionCode.MALFORMED_EMAIL;
    case 'outside-allowed-set':
      return RejectionCode.VALUE_NOT_ALLOWED;
    case 'not-a-single-value':
      return RejectionCode.NOT_A_SINGLE_VALUE;
  }
}
