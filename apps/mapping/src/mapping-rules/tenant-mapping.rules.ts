import type { z } from 'zod';
import { describeRegistryIssue, formatPath, type RegistryLineLocator } from '@bridge/tenancy';
import { ZOOM_TARGETS } from '../zoom-targets/zoom-target.rules';
import type { CompiledMapping, MappingRule } from './mapping-rule.model';
import { mappingRuleSchema } from './mapping-rule.schema';

export interface RuleIssue {
  /** Path inside the tenant's `mappings` list, starting with the rule's index. */
  path: (string | number)[];
  ruleId: string | undefined;
  message: string;
}

export type CompileResult = { ok: true; mapping: CompiledMapping } | { ok: false; issues: RuleIssue[] };

export const RESERVED_ID_PREFIX = 'default-';

/**
 * Compiles a tenant's rules and puts them in front of the built-in defaults: per target, the
 * first rule whose `when` holds decides, so an unconditional tenant rule replaces the default.
 */
export function compileMapping(tenantRules: readonly unknown[], defaults: readonly MappingRule[]): CompileResult {
  const issues: RuleIssue[] = [];
  const compiled: MappingRule[] = [];
  const firstIndexOfId = new Map<string, number>();
  tenantRules.forEach((input, index) => {
    const ruleId = idOf(input);
    const result = mappingRuleSchema.safeParse(input, { error: describeRegistryIssue });
    if (!result.success) {
      issues.push(...result.error.issues.flatMap((issue) => locate(issue, index, ruleId)));
      return;
    }
    const rule = result.data;
    const earlier = firstIndexOfId.get(rule.id);
    if (earlier !== undefined) {
      issues.push({ path: [index, 'id'], ruleId, message: `another rule already has the id "${rule.id}" (mappings[${earlier}]); ids name rules in rejections, so each must be unique` });
    } else if (rule.id.startsWith(RESERVED_ID_PREFIX)) {
      issues.push({ path: [index, 'id'], ruleId, message: `ids starting with "${RESERVED_ID_PREFIX}" are kept for the built-in rules` });
    }
    firstIndexOfId.set(rule.id, earlier ?? index);
    compiled.push(rule);
  });
  if (issues.length > 0) {
    return { ok: false, issues };
  }
  const rules = [...compiled, ...defaults];
  return { ok: true, mapping: { targets: ZOOM_TARGETS.map((target) => ({ target, rules: rules.filter((rule) => rule.target === target) })) } };
}

/** `tenants.yaml:42 tenant acme, rule "licence" (tenants[1].mappings[0].target): …`, one line per issue. */
export function describeRuleIssues(tenantId: string, tenantIndex: number, issues: readonly RuleIssue[], source: RegistryLineLocator | undefined): string {
  return issues
    .map((issue) => {
      const path = ['tenants', tenantIndex, 'mappings', ...issue.path];
      const line = source?.lineOf(path);
      const where = source === undefined ? '' : `${source.sourceName}${line === undefined ? '' : `:${line}`} `;
      const rule = issue.ruleId === undefined ? `rule #${Number(issue.path[0]) + 1}` : `rule "${issue.ruleId}"`;
      return `${where}tenant ${tenantId}, ${rule} (${formatPath(path)}): ${issue.message}`;
    })
    .join('\n');
}

function locate(issue: z.core.$ZodIssue, index: number, ruleId: string | undefined): RuleIssue[] {
  // An unknown key is reported on its parent; pointing at the key itself finds the typo's line.
  const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
  return paths.map((path) => ({ path: [index, ...path.map((segment) => (typeof segment === 'number' ? segment : String(segment)))], ruleId, message: issue.message }));
}

function idOf(input: unknown): string | undefined {
  const id = typeof input === 'object' && input !== null ? (input as Record<string, unknown>)['id'] : undefined;
  return typeof id === 'string' && id !== '' ? id : undefined;
}
