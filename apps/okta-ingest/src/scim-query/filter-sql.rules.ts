import {
  ScimError,
  formatAttributePath,
  resolveAttributePath,
  type AttributePath,
  type CompareOperator,
  type CompareValue,
  type ResolvedAttribute,
  type ResourceTypeDefinition,
  type ScimAttribute,
  type ScimFilter,
} from '@bridge/scim';
import { SqlParameters, type ColumnTarget, type FilterTable } from './filter-sql.model';

/** Where a compared value lives: a typed SQL expression that may be NULL, or a jsonb expression. */
interface Operand {
  sql: string;
  json?: string;
  type: 'text' | 'boolean' | 'timestamp' | 'uuid';
  caseExact: boolean;
  nullable: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ELEMENT = 'e.v';

function invalid(detail: string): ScimError {
  return new ScimError(400, detail, 'invalidFilter');
}

/**
 * Translates a parsed filter to an SQL condition over `table`, with every value (and jsonb key) as a
 * parameter. Attributes the schema does not define, and comparisons that make no sense for the
 * attribute's type, are refused with `invalidFilter` rather than matching everything.
 */
export function filterToSql(filter: ScimFilter, type: ResourceTypeDefinition, table: FilterTable, params: SqlParameters): string {
  switch (filter.kind) {
    case 'and':
      return `(${filterToSql(filter.left, type, table, params)} AND ${filterToSql(filter.right, type, table, params)})`;
    case 'or':
      return `(${filterToSql(filter.left, type, table, params)} OR ${filterToSql(filter.right, type, table, params)})`;
    case 'not':
      return `(NOT ${filterToSql(filter.filter, type, table, params)})`;
    case 'valuePath': {
      const { attribute, extension } = resolve(type, filter.path);
      if (!attribute.multiValued || attribute.type !== 'complex' || filter.path.subAttribute !== undefined) {
        throw invalid(`${formatAttributePath(filter.path)}[...] needs a multi-valued complex attribute such as emails or members.`);
      }
      return elementsExist(attribute, extension, table, params, (element) => elementCondition(filter.filter, attribute, element, params));
    }
    case 'present':
    case 'compare':
      return leaf(filter, type, table, params);
  }
}

function leaf(filter: Extract<ScimFilter, { kind: 'present' | 'compare' }>, type: ResourceTypeDefinition, table: FilterTable, params: SqlParameters): string {
  const { attribute, subAttribute, extension } = resolve(type, filter.path);
  const column = extension === undefined ? table.targets[subAttribute === undefined ? attribute.name : `${attribute.name}.${subAttribute.name}`] : undefined;
  if (column?.kind === 'column') {
    return condition(filter, columnOperand(column, subAttribute ?? attribute), params);
  }
  if (attribute.multiValued) {
    const sub = subAttribute ?? attribute.subAttributes?.find((candidate) => candidate.name === 'value');
    if (sub === undefined) {
      throw invalid(`Name a sub-attribute of ${attribute.name} to compare, such as ${attribute.name}.value.`);
    }
    const subFilter = { ...filter, path: { attribute: sub.name } };
    return elementsExist(attribute, extension, table, params, (element) => elementCondition(subFilter, attribute, element, params));
  }
  if (attribute.type === 'complex' && subAttribute === undefined) {
    if (filter.kind === 'present') {
      return jsonPresent(jsonPath(table, [extension, attribute.name], params));
    }
    throw invalid(`${attribute.name} is complex; compare one of its sub-attributes, such as ${attribute.name}.${attribute.subAttributes?.[0]?.name ?? 'value'}.`);
  }
  const keys = [extension, attribute.name, subAttribute?.name];
  return condition(filter, jsonOperand(table, keys, subAttribute ?? attribute, params), params);
}

function elementCondition(filter: ScimFilter, parent: ScimAttribute, element: ElementSource, params: SqlParameters): string {
  switch (filter.kind) {
    case 'and':
    case 'or':
      return `(${elementCondition(filter.left, parent, element, params)} ${filter.kind.toUpperCase()} ${elementCondition(filter.right, parent, element, params)})`;
    case 'not':
      return `(NOT ${elementCondition(filter.filter, parent, element, params)})`;
    case 'valuePath':
      throw invalid('Value filters cannot nest.');
    case 'present':
    case 'compare': {
      const sub = filter.path.urn === undefined && filter.path.subAttribute === undefined
        ? parent.subAttributes?.find((candidate) => candidate.name.toLowerCase() === filter.path.attribute.toLowerCase())
        : undefined;
      if (sub === undefined) {
        throw invalid(`${JSON.stringify(formatAttributePath(filter.path))} is not a sub-attribute of ${parent.name}.`);
      }
      return condition(filter, element(sub), params);
    }
  }
}

type ElementSource = (sub: ScimAttribute) => Operand;

function elementsExist(
  attribute: ScimAttribute,
  extension: string | undefined,
  table: FilterTable,
  params: SqlParameters,
  inner: (element: ElementSource) => string,
): string {
  const relation = extension === undefined ? table.targets[attribute.name] : undefined;
  if (relation?.kind === 'relation') {
    const element: ElementSource = (sub) => {
      const sql = relation.subAttributes[sub.name];
      if (sql === undefined) {
        throw invalid(`Filtering ${attribute.name} on ${sub.name} is not supported; use ${attribute.name}[value eq "…"].`);
      }
      return { sql, type: 'text', caseExact: sub.caseExact, nullable: false };
    };
    return `EXISTS (SELECT 1 ${relation.from} AND ${inner(element)})`;
  }
  const array = jsonPath(table, [extension, attribute.name], params);
  const element: ElementSource = (sub) => jsonOperand({ ...table, alias: '', jsonColumn: ELEMENT }, [sub.name], sub, params);
  return `EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(${array}) = 'array' THEN ${array} ELSE '[]'::jsonb END) AS e(v) WHERE ${inner(element)})`;
}

function jsonPath(table: FilterTable, keys: (string | undefined)[], params: SqlParameters, lastAsText = false): string {
  return jsonAccess(table, keyRefs(keys, params), lastAsText);
}

function keyRefs(keys: (string | undefined)[], params: SqlParameters): string[] {
  return keys.filter((key): key is string => key !== undefined).map((key) => `${params.add(key)}::text`);
}

function jsonAccess(table: FilterTable, refs: string[], lastAsText: boolean): string {
  const base = table.alias === '' ? table.jsonColumn : `${table.alias}.${table.jsonColumn}`;
  return refs.reduce((sql, ref, index) => `${sql} ${lastAsText && index === refs.length - 1 ? '->>' : '->'} ${ref}`, base);
}

function jsonOperand(table: FilterTable, keys: (string | undefined)[], attribute: ScimAttribute, params: SqlParameters): Operand {
  const type = attribute.type === 'boolean' ? 'boolean' : attribute.type === 'dateTime' ? 'timestamp' : 'text';
  if (attribute.type === 'integer' || attribute.type === 'decimal' || attribute.type === 'complex') {
    throw invalid(`Filtering on ${attribute.name} is not supported.`);
  }
  const refs = keyRefs(keys, params);
  return { sql: jsonAccess(table, refs, true), json: jsonAccess(table, refs, false), type, caseExact: attribute.caseExact, nullable: true };
}

function columnOperand(column: ColumnTarget, attribute: ScimAttribute): Operand {
  return { sql: column.sql, type: column.type, caseExact: attribute.caseExact, nullable: column.nullable };
}

function jsonPresent(json: string): string {
  return `COALESCE(${json} NOT IN ('null'::jsonb, '""'::jsonb, '[]'::jsonb, '{}'::jsonb), false)`;
}

function condition(filter: Extract<ScimFilter, { kind: 'present' | 'compare' }>, operand: Operand, params: SqlParameters): string {
  if (filter.kind === 'present' || filter.value === null) {
    const present = operand.json !== undefined ? jsonPresent(operand.json) : operand.nullable ? `COALESCE(${operand.sql} IS NOT NULL${operand.type === 'text' ? ` AND ${operand.sql} <> ''` : ''}, false)` : 'TRUE';
    if (filter.kind === 'present' || filter.op === 'eq') {
      return filter.kind === 'present' ? present : `(NOT ${present})`;
    }
    if (filter.op === 'ne') {
      return present;
    }
    throw invalid(`null can only be compared with eq or ne.`);
  }
  const positive = compare(filter.op === 'ne' ? 'eq' : filter.op, filter.value, operand, formatAttributePath(filter.path), params);
  const safe = operand.nullable ? `COALESCE(${positive}, false)` : positive;
  return filter.op === 'ne' ? `(NOT ${safe})` : safe;
}

function compare(op: CompareOperator, value: CompareValue, operand: Operand, name: string, params: SqlParameters): string {
  switch (operand.type) {
    case 'boolean': {
      const flag = typeof value === 'string' && /^(true|false)$/i.test(value) ? value.toLowerCase() === 'true' : value;
      if (typeof flag !== 'boolean' || op !== 'eq') {
        throw invalid(`${name} is true or false; compare it with eq or ne and true or false.`);
      }
      return operand.json !== undefined ? `${operand.json} = to_jsonb(${params.add(flag)}::boolean)` : `${operand.sql} = ${params.add(flag)}::boolean`;
    }
    case 'timestamp': {
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value)) || ['co', 'sw', 'ew'].includes(op)) {
        throw invalid(`${name} is a date-time; compare it with eq, ne, gt, ge, lt or le and a quoted ISO 8601 value.`);
      }
      return `${operand.json !== undefined ? `(${operand.sql})::timestamptz` : operand.sql} ${SQL_ORDER[op as keyof typeof SQL_ORDER]} ${params.add(new Date(value).toISOString())}::timestamptz`;
    }
    case 'uuid':
      if (typeof value !== 'string') {
        throw invalid(`${name} is a string; compare it with a quoted value.`);
      }
      if (op === 'eq') {
        return UUID.test(value) ? `${operand.sql} = ${params.add(value)}::uuid` : 'FALSE';
      }
      return compareText(op, `${operand.sql}::text`, params.add(value));
    case 'text': {
      if (typeof value !== 'string') {
        throw invalid(`${name} is a string; compare it with a quoted value such as ${name} eq "…".`);
      }
      const left = operand.caseExact ? operand.sql : `lower(${operand.sql})`;
      const right = operand.caseExact ? `${params.add(value)}::text` : `lower(${params.add(value)}::text)`;
      return compareText(op, left, right);
    }
  }
}

const SQL_ORDER = { eq: '=', gt: '>', ge: '>=', lt: '<', le: '<=' } as const;

function compareText(op: CompareOperator, left: string, right: string): string {
  switch (op) {
    case 'eq':
    case 'ne':
      return `${left} = ${right}`;
    case 'co':
      return `strpos(${left}, ${right}) > 0`;
    case 'sw':
      return `starts_with(${left}, ${right})`;
    case 'ew':
      return `right(${left}, char_length(${right})) = ${right}`;
    case 'gt':
    case 'ge':
    case 'lt':
    case 'le':
      return `${left} COLLATE "C" ${SQL_ORDER[op]} ${right}`;
  }
}

function resolve(type: ResourceTypeDefinition, path: AttributePath): ResolvedAttribute {
  const resolved = resolveAttributePath(type, path);
  if (resolved === undefined) {
    throw invalid(`The filter names ${JSON.stringify(formatAttributePath(path))}, which a ${type.name} does not have.`);
  }
  return resolved;
}

export { SqlParameters };
