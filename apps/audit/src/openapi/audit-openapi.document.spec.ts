import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AUDIT_OPENAPI } from './audit-openapi.document';

const checkedIn = path.resolve(__dirname, '..', '..', 'openapi.json');

describe('the OpenAPI document', () => {
  it('is checked in as apps/audit/openapi.json (UPDATE_OPENAPI=1 rewrites it)', () => {
    const rendered = `${JSON.stringify(AUDIT_OPENAPI, null, 2)}\n`;
    if (process.env['UPDATE_OPENAPI'] === '1') {
      writeFileSync(checkedIn, rendered);
    }
    expect(readFileSync(checkedIn, 'utf8')).toBe(rendered);
  });

  it('describes every route the audit API serves', () => {
    expect(Object.keys(AUDIT_OPENAPI.paths).sort()).toEqual([
      '/api/v1/audit/events',
      '/api/v1/audit/events/export',
      '/api/v1/audit/users/{user}/timeline',
      '/api/v1/audit/verify',
    ]);
  });
});
