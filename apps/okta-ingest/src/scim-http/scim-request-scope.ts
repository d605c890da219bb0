import type { Request } from 'express';
import { ScimError, parseAttributeSelection, type AttributeSelection, type ResourceTypeDefinition } from '@bridge/scim';
import type { ScimCaller } from '../scim-auth/scim-auth.guard';
import { scimBaseUrl } from './scim-base-url';

export interface ScimRequestScope {
  tenantId: string;
  baseUrl: string;
}

export interface ListQuery {
  filter: string | undefined;
  startIndex: number;
  count: number;
}

export interface Projection {
  attributes?: AttributeSelection[];
  excluded?: AttributeSelection[];
}

export const MAX_PAGE = 1000;
export const DEFAULT_PAGE = 100;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function requestScope(caller: ScimCaller, request: Request, publicBaseUrl: string | undefined): ScimRequestScope {
  return { tenantId: caller.tenant.id, baseUrl: scimBaseUrl(request, publicBaseUrl) };
}

/** startIndex below 1 counts as 1 and a negative count as 0 (RFC 7644 §3.4.2.4); count is capped. */
export function listQuery(query: Record<string, unknown>): ListQuery {
  const filter = query['filter'];
  if (filter !== undefined && typeof filter !== 'string') {
    throw new ScimError(400, 'Send one filter parameter.', 'invalidFilter');
  }
  return {
    filter,
    startIndex: Math.max(1, pageNumber('startIndex', query['startIndex'], 1)),
    count: Math.min(MAX_PAGE, Math.max(0, pageNumber('count', query['count'], DEFAULT_PAGE))),
  };
}

export function projection(type: ResourceTypeDefinition, query: Record<string, unknown>): Projection {
  const read = (name: string): string | undefined => {
    const value = query[name];
    if (value !== undefined && typeof value !== 'string') {
      throw new ScimError(400, `Send ${name} once, as a comma-separated list.`, 'invalidValue');
    }
    return value;
  };
  return { attributes: parseAttributeSelection(type, read('attributes')), excluded: parseAttributeSelection(type, read('excludedAttributes')) };
}

function pageNumber(name: string, raw: unknown, fallback: number): number {
  if (raw === undefined || raw === '') {
    return fallback;
  }
  if (typeof raw !== 'string' || !/^-?\d{1,9}$/.test(raw)) {
    throw new ScimError(400, `${name} must be an integer, not ${JSON.stringify(raw)}.`, 'invalidValue');
  }
  return Number(raw);
}
