import { Injectable } from '@nestjs/common';
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

type ResourceTable = '"ingest"."scim_user"' | '"ingest"."scim_group"';

interface PageCursor {
  createdAt: string;
  id: string;
}

const MAX_CURSORS = 2000;

/**
 * Pages of a tenant's resources in a stable order (creation time, then id), with the total.
 * Okta imports page after page (startIndex 1, 101, 201, …); an OFFSET deep into 100,000 rows
 * walks them all, so the end of each page served is remembered and the next page continues
 * from it (keyset). A page asked for out of sequence, or on another replica, falls back to OFFSET.
 */
@Injectable()
export class ListQueryRepository {
  private readonly cursors = new Map<string, PageCursor>();

  /** `extraColumn` is one more select-list expression over the row alias `r`, written in code (never from a request). */
  async listPage<Row>(
    manager: EntityManager,
    tableSql: ResourceTable,
    type: ResourceTypeDefinition,
    table: FilterTable,
    request: ListRequest,
    extraColumn?: string,
  ): Promise<ListPage<Row>> {
    const params = new SqlParameters();
    const conditions = [`r.tenant_id = ${params.add(request.tenantId)}`];
    const filter = request.filter?.trim() ?? '';
    if (filter !== '') {
      conditions.push(filterToSql(parseScimFilter(filter), type, table, params));
    }
    const where = conditions.join(' AND ');
    const countTotal = async (): Promise<number> => {
      const [{ total }] = await manager.query<[{ total: number }]>(`SELECT count(*)::int AS total FROM ${tableSql} r WHERE ${where}`, params.values.slice(0, countParams));
      return total;
    };
    const countParams = params.values.length;
    if (request.count === 0) {
      return { rows: [], total: await countTotal() };
    }
    const cursorKey = `${tableSql}|${request.tenantId}|${request.startIndex}|${filter}`;
    const cursor = this.cursors.get(cursorKey);
    const position = cursor === undefined
      ? `OFFSET ${params.add(request.startIndex - 1)}`
      : '';
    const after = cursor === undefined ? '' : ` AND (r.created_at, r.id) > (${params.add(cursor.createdAt)}::timestamptz, ${params.add(cursor.id)}::uuid)`;
    const rows = await manager.query<(Row & { page_cursor: string })[]>(
      `SELECT r.*, r.created_at::text AS page_cursor${extraColumn === undefined ? '' : `, ${extraColumn}`} FROM ${tableSql} r WHERE ${where}${after}
       ORDER BY r.created_at, r.id ${position} LIMIT ${params.add(request.count)}`,
      params.values,
    );
    this.cursors.delete(cursorKey);
    // Okta's lookup (`userName eq`, first page, at most one match) needs no second query for the total.
    const total = request.startIndex === 1 && rows.length < request.count ? rows.length : await countTotal();
    const last = rows[rows.length - 1] as (Row & { page_cursor: string; id: string }) | undefined;
    if (last !== undefined && request.startIndex + rows.length <= total) {
      this.remember(`${tableSql}|${request.tenantId}|${request.startIndex + rows.length}|${filter}`, { createdAt: last.page_cursor, id: last.id });
    }
    return { rows, total };
  }

  private remember(key: string, cursor: PageCursor): void {
    if (this.cursors.size >= MAX_CURSORS) {
      const oldest = this.cursors.keys().next();
      if (oldest.done !== true) {
        this.cursors.delete(oldest.value);
      }
    }
    this.cursors.set(key, cursor);
  }
}
