import type { EntityManager } from 'typeorm';
import { parseScimFilter, type ResourceTypeDefinition } from '@bridge/scim';
import { SqlParameters, type FilterTable } from './filter-sql.model';
import { filterToSql } from './filter-sql.rules';

export interface ListPage<Row> {
  rows: Row[];
  total: number;
}

export interface ListRequest {
  tenantId: string;
  filter: string | undefined;
  startIndex: number;
  count: number;
}

/**
 * One page of a tenant's resources in a stable order (creation time, then id), with the total.
 * `table` is a constant naming the resource's table; everything from the request is a parameter.
 */
export async function listPage<Row>(
  manager: EntityManager,
  tableSql: '"ingest"."scim_user"' | '"ingest"."scim_group"',
  type: ResourceTypeDefinition,
  table: FilterTable,
  request: ListRequest,
): Promise<ListPage<Row>> {
  const params = new SqlParameters();
  const conditions = [`r.tenant_id = ${params.add(request.tenantId)}`];
  if (request.filter !== undefined && request.filter.trim() !== '') {
    conditions.push(filterToSql(parseScimFilter(request.filter), type, table, params));
  }
  const where = conditions.join(' AND ');
  const [{ total }] = await manager.query<[{ total: number }]>(`SELECT count(*)::int AS total FROM ${tableSql} r WHERE ${where}`, params.values);
  if (request.count === 0 || total < request.startIndex) {
    return { rows: [], total };
  }
  const offset = params.add(request.startIndex - 1);
  const limit = params.add(request.count);
  const rows = await manager.query<Row[]>(
    `SELECT r.* FROM ${tableSql} r WHERE ${where} ORDER BY r.created_at, r.id OFFSET ${offset} LIMIT ${limit}`,
    params.values,
  );
  return { rows, total };
}
