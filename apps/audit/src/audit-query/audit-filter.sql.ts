import type { CompareOperator, FilterAttribute, FilterNode } from './audit-filter.parser';

/** A SQL condition and its parameters; values never enter the SQL text. */
export interface SqlCondition {
  sql: string;
  params: unknown[];
}

// Column expressions come only from this table, never from the request.
const COLUMNS: Record<Exclude<FilterAttribute, 'targetId'>, string> = {
  eventType: 'event_type',
  outcome: 'outcome',
  reason: 'reason',
  actorId: 'actor_id',
  actorType: 'actor_type',
  targetType: 'target_type',
  userName: 'lower(target_name)',
  targetName: 'target_name',
  correlationId: 'correlation_id',
  causationId: 'causation_id',
  id: 'id::text',
  topic: 'topic',
};

export function likePattern(operator: Exclude<CompareOperator, 'eq' | 'ne'>, value: string): string {
  const escaped = value.replace(/[\\%_]/g, (char) => `\\${char}`);
  switch (operator) {
    case 'co':
      return `%${escaped}%`;
    case 'sw':
      return `${escaped}%`;
    case 'ew':
      return `%${escaped}`;
  }
}

function normalise(attribute: FilterAttribute, value: string): string {
  // Outcomes are stored lower-case; Okta clients write SUCCESS / FAILURE. userName is case-insensitive in SCIM.
  return attribute === 'outcome' || attribute === 'userName' ? value.toLowerCase() : value;
}

/** Translates a parsed filter into a parameterised condition; `firstParam` is the next `$n`. */
export function filterToSql(node: FilterNode, firstParam: number): SqlCondition {
  const params: unknown[] = [];
  const bind = (value: unknown): string => {
    params.push(value);
    return `$${firstParam + params.length - 1}`;
  };
  const walk = (current: FilterNode): string => {
    switch (current.kind) {
      case 'and':
      case 'or':
        return `(${walk(current.left)} ${current.kind.toUpperCase()} ${walk(current.right)})`;
      case 'not':
        return `(NOT ${walk(current.expression)})`;
      case 'present':
        return current.attribute === 'targetId' ? 'cardinality(target_ids) > 0' : `(${COLUMNS[current.attribute]} IS NOT NULL AND ${COLUMNS[current.attribute]} <> '')`;
      case 'compare':
        return compare(current.attribute, current.operator, normalise(current.attribute, current.value), bind);
    }
  };
  return { sql: walk(node), params };
}

function compare(attribute: FilterAttribute, operator: CompareOperator, value: string, bind: (value: unknown) => string): string {
  if (attribute === 'targetId') {
    switch (operator) {
      case 'eq':
        return `target_ids @> ARRAY[${bind(value)}]::text[]`;
      case 'ne':
        return `NOT (target_ids @> ARRAY[${bind(value)}]::text[])`;
      case 'co':
      case 'sw':
      case 'ew':
        return `EXISTS (SELECT 1 FROM unnest(target_ids) AS target(id) WHERE target.id LIKE ${bind(likePattern(operator, value))})`;
    }
  }
  const column = COLUMNS[attribute];
  switch (operator) {
    case 'eq':
      return `${column} = ${bind(value)}`;
    case 'ne':
      return `${column} IS DISTINCT FROM ${bind(value)}`;
    case 'co':
    case 'sw':
    case 'ew':
      return `${column} LIKE ${bind(likePattern(operator, value))}`;
  }
}
