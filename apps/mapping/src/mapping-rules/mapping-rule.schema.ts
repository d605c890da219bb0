import { z } from 'zod';
import { describeRegistryIssue } from '@bridge/tenancy';
import { findZoomTarget, suggestZoomTarget, ZOOM_TARGETS } from '../zoom-targets/zoom-target.rules';
import { describeAllowed, checkTargetValue } from '../zoom-targets/zoom-value.rules';
import { lookupKey, type Condition, type ConditionTest, type MappingRule, type Scalar, type ValueSource } from './mapping-rule.model';
import { parseScimPath } from './scim-path.rules';
import { parseTemplate } from './template.rules';

export const RULE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
export const TRANSFORM_NAMES = ['copy', 'trim', 'lowercase', 'template', 'constant', 'lookup'] as const;
const CONDITION_TESTS = ['equals', 'notEquals', 'in', 'present'] as const;

const scalarSchema = z.union([z.string(), z.number(), z.boolean()], { error: 'expected text, a number, or true/false' });

const pathSchema = z.string().transform((text, ctx) => {
  const parsed = parseScimPath(text);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not an attribute path: ${parsed.problem}` });
    return z.NEVER;
  }
  return parsed.path;
});

// One path, or a list read in order until one has a value.
const sourcesSchema = z.preprocess((value): unknown[] => (Array.isArray(value) ? (value as unknown[]) : [value]), z.array(pathSchema).min(1));

const TRANSFORMS: Record<(typeof TRANSFORM_NAMES)[number], z.ZodType<ValueSource>> = {
  copy: z.strictObject({ copy: sourcesSchema }).transform((t): ValueSource => ({ kind: 'copy', from: t.copy })),
  trim: z.strictObject({ trim: sourcesSchema }).transform((t): ValueSource => ({ kind: 'trim', from: t.trim })),
  lowercase: z.strictObject({ lowercase: sourcesSchema }).transform((t): ValueSource => ({ kind: 'lowercase', from: t.lowercase })),
  template: z.strictObject({ template: z.string() }).transform((t, ctx): ValueSource => {
    const parsed = parseTemplate(t.template);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', path: ['template'], message: parsed.problem });
      return z.NEVER;
    }
    return { kind: 'template', template: t.template, parts: parsed.parts };
  }),
  constant: z.strictObject({ constant: scalarSchema }).transform((t): ValueSource => ({ kind: 'constant', value: t.constant })),
  lookup: z
    .strictObject({
      lookup: z.strictObject({
        from: sourcesSchema,
        table: z.record(z.string(), scalarSchema, {
          error: (issue) => (issue.input === undefined ? 'a lookup needs a table of Okta value: Zoom value, such as { Sales: true }' : undefined),
        }),
        default: scalarSchema.optional(),
      }),
    })
    .transform(({ lookup }, ctx): ValueSource => {
      const keys = Object.keys(lookup.table);
      if (keys.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['lookup', 'table'], message: 'a lookup table needs at least one entry' });
      }
      const table = new Map<string, Scalar>();
      for (const key of keys) {
        if (table.has(lookupKey(key))) {
          ctx.addIssue({ code: 'custom', path: ['lookup', 'table', key], message: `"${key}" is in the table twice (keys match ignoring case)` });
        }
        table.set(lookupKey(key), lookup.table[key] ?? '');
      }
      return { kind: 'lookup', from: lookup.from, table, fallback: lookup.default };
    }),
};

const transformSchema = z.unknown().transform((input, ctx): ValueSource => {
  const allowed = TRANSFORM_NAMES.join(', ');
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    ctx.addIssue({ code: 'custom', message: `expected one transform, such as { copy: title } (one of: ${allowed})` });
    return z.NEVER;
  }
  const keys = Object.keys(input);
  const unknown = keys.find((key) => !(TRANSFORM_NAMES as readonly string[]).includes(key));
  if (unknown !== undefined || keys.length !== 1) {
    const message = unknown === undefined ? `give exactly one transform, found ${keys.length === 0 ? 'none' : keys.join(' and ')}` : `unknown transform "${unknown}"`;
    ctx.addIssue({ code: 'custom', path: unknown === undefined ? [] : [unknown], message: `${message} (allowed: ${allowed})` });
    return z.NEVER;
  }
  const name = keys[0] as (typeof TRANSFORM_NAMES)[number];
  // Parsed on its own so that each mistake keeps its exact path, which a union would flatten.
  const result = TRANSFORMS[name].safeParse(input, { error: describeRegistryIssue });
  if (!result.success) {
    result.error.issues.forEach((issue) => ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message }));
    return z.NEVER;
  }
  return result.data;
});

const conditionSchema = z
  .strictObject({ attribute: pathSchema, equals: scalarSchema.optional(), notEquals: scalarSchema.optional(), in: z.array(scalarSchema).min(1).optional(), present: z.boolean().optional() })
  .transform((condition, ctx): Condition => {
    const tests = CONDITION_TESTS.filter((test) => condition[test] !== undefined);
    if (tests.length !== 1) {
      ctx.addIssue({ code: 'custom', message: `a condition needs exactly one of ${CONDITION_TESTS.join(', ')}, found ${tests.length === 0 ? 'none' : tests.join(' and ')}` });
      return z.NEVER;
    }
    const test = tests[0] ?? 'present';
    return { attribute: condition.attribute, test: { [test]: condition[test] } as ConditionTest };
  });

const targetSchema = z.string().transform((name, ctx) => {
  const target = findZoomTarget(name);
  if (target === undefined) {
    const suggestion = suggestZoomTarget(name);
    const hint = suggestion === undefined ? `see the target list in the README (for example ${ZOOM_TARGETS[2]?.name ?? 'title'})` : `did you mean "${suggestion.name}"?`;
    ctx.addIssue({ code: 'custom', message: `"${name}" is not a Zoom attribute the bridge can write; ${hint}` });
    return z.NEVER;
  }
  return target;
});

/** One tenant mapping rule as written in the registry, compiled. See the README's "Attribute mappings". */
export const mappingRuleSchema = z
  .strictObject({
    id: z.string().regex(RULE_ID_PATTERN, 'expected up to 64 letters, digits, "_" or "-" (the name rejections will show)'),
    description: z.string().optional(),
    target: targetSchema,
    transform: transformSchema.optional(),
    remove: z.literal(true, { error: 'write remove: true to drop the default for this target, or leave it out' }).optional(),
    when: z.preprocess((value) => (Array.isArray(value) || value === undefined ? value : [value]), z.array(conditionSchema).min(1).optional()),
    required: z.boolean().optional(),
  })
  .transform((rule, ctx): MappingRule => {
    const { target, transform } = rule;
    if ((transform === undefined) === (rule.remove === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'a rule needs either a transform or remove: true (not both)' });
      return z.NEVER;
    }
    if (target.requiredByZoom && (rule.remove === true || rule.required === false)) {
      const what = rule.remove === true ? 'remove' : 'required';
      ctx.addIssue({ code: 'custom', path: [what], message: `Zoom needs a ${target.label} for every user, so it cannot be ${what === 'remove' ? 'removed' : 'optional'}` });
    }
    if (transform !== undefined) {
      checkProducedValues(transform, target, ctx);
    }
    return {
      id: rule.id,
      target,
      conditions: rule.when ?? [],
      action: transform === undefined ? { kind: 'remove' } : { kind: 'set', source: transform },
      required: rule.required ?? target.requiredByZoom,
    };
  });

/** Fixed values (constants, table entries, defaults) are checked now, so the mistake shows at load and not per user. */
function checkProducedValues(source: ValueSource, target: MappingRule['target'], ctx: z.RefinementCtx): void {
  const check = (value: Scalar, path: (string | number)[]): void => {
    if (!checkTargetValue(target, value).ok) {
      ctx.addIssue({ code: 'custom', path: ['transform', ...path], message: `${JSON.stringify(value)} is not a valid ${target.label}: Zoom takes ${describeAllowed(target.kind)}` });
    }
  };
  switch (source.kind) {
    case 'constant':
      check(source.value, ['constant']);
      return;
    case 'lookup':
      source.table.forEach((value, key) => check(value, ['lookup', 'table', key]));
      if (source.fallback !== undefined) {
        check(source.fallback, ['lookup', 'default']);
      }
      return;
    case 'template':
      if (target.kind.type === 'boolean') {
        ctx.addIssue({ code: 'custom', path: ['transform', 'template'], message: `a template makes text, and ${target.label} takes true or false` });
      }
      return;
    case 'copy':
    case 'trim':
    case 'lowercase':
      return;
  }
}

export type MappingRuleInput = z.input<typeof mappingRuleSchema>;
