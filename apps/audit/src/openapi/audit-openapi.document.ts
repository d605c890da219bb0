const error = { $ref: '#/components/schemas/Error' };
const errors = {
  '400': { description: 'Invalid parameter, filter or cursor', content: { 'application/json': { schema: error } } },
  '401': { description: 'Missing, unknown or revoked auditor token', content: { 'application/json': { schema: error } } },
  '404': { description: 'Unknown tenant (or another tenant than the token\'s)', content: { 'application/json': { schema: error } } },
};
const param = (name: string, description: string, schema: object = { type: 'string' }): object => ({ name, in: 'query', required: false, description, schema });
const tenantId = param('tenantId', 'Platform auditors: the tenant to read (required). Tenant auditors: omit, or their own tenant.');
const rangeParams = [
  param('since', 'Records published at or after this time (ISO 8601). Default: 7 days ago.', { type: 'string', format: 'date-time' }),
  param('until', 'Records published before this time. Omit to poll: the next link then never misses a late record.', { type: 'string', format: 'date-time' }),
  param('filter', 'SCIM filter over eventType, outcome.result, outcome.reason, actor.id, actor.type, target.id, target.type, target.alternateId (userName), target.displayName, transaction.id (correlationId), causationId, uuid, topic. Operators eq ne co sw ew pr, and/or/not, parentheses.'),
  param('q', 'Keywords (up to 10, space separated), all of which must appear in the type, outcome, actor, target, reason or correlation id.'),
  param('sortOrder', 'ASCENDING (default) or DESCENDING.', { type: 'string', enum: ['ASCENDING', 'DESCENDING'] }),
  param('after', 'Opaque cursor from a Link rel="next" header.'),
  tenantId,
];

/** The audit API's OpenAPI 3.1 document; `openapi.json` beside the app is this, checked in. */
export const AUDIT_OPENAPI = {
  openapi: '3.1.0',
  info: {
    title: 'Okta → Zoom bridge audit API',
    version: '1.0.0',
    description: 'A tamper-evident audit trail of every Okta change, Zoom command and Zoom answer, queried like Okta\'s System Log API. Every query is itself recorded.',
  },
  servers: [{ url: '/' }],
  security: [{ auditorToken: [] }],
  paths: {
    '/api/v1/audit/events': {
      get: {
        summary: 'List records (System Log style)',
        operationId: 'listEvents',
        parameters: [...rangeParams, param('limit', 'Page size, default 100, at most 1000.', { type: 'integer', minimum: 1, maximum: 1000 })],
        responses: {
          '200': {
            description: 'A page of records, oldest first. `Link` carries rel="self" and, when polling or when more records match, rel="next".',
            headers: { Link: { schema: { type: 'string' } } },
            content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/LogEvent' } } } },
          },
          ...errors,
        },
      },
    },
    '/api/v1/audit/events/export': {
      get: {
        summary: 'Export a range as NDJSON or CSV, streamed',
        operationId: 'exportEvents',
        parameters: [...rangeParams, param('format', 'ndjson (default) or csv', { type: 'string', enum: ['ndjson', 'csv'] })],
        responses: {
          '200': { description: 'One LogEvent per line, or CSV with a header row', content: { 'application/x-ndjson': { schema: { type: 'string' } }, 'text/csv': { schema: { type: 'string' } } } },
          ...errors,
        },
      },
    },
    '/api/v1/audit/users/{user}/timeline': {
      get: {
        summary: 'Every record about one user and whether the user is in Zoom (and if not, why)',
        operationId: 'userTimeline',
        parameters: [
          { name: 'user', in: 'path', required: true, description: 'SCIM id or userName', schema: { type: 'string' } },
          param('since', 'Default: 90 days before until.', { type: 'string', format: 'date-time' }),
          param('until', 'Default: now.', { type: 'string', format: 'date-time' }),
          tenantId,
        ],
        responses: { '200': { description: 'The timeline', content: { 'application/json': { schema: { $ref: '#/components/schemas/UserTimeline' } } } }, ...errors },
      },
    },
    '/api/v1/audit/verify': {
      get: {
        summary: 'Prove the hash chain intact (from the genesis or a signed checkpoint), or name the first broken record',
        operationId: 'verifyChain',
        parameters: [param('fromSeq', 'First record position to prove', { type: 'integer', minimum: 1 }), param('toSeq', 'Last record position to prove', { type: 'integer', minimum: 1 }), tenantId],
        responses: { '200': { description: 'The verification report', content: { 'application/json': { schema: { $ref: '#/components/schemas/VerificationReport' } } } }, ...errors },
      },
    },
  },
  components: {
    securitySchemes: { auditorToken: { type: 'http', scheme: 'bearer', description: 'An auditor token (`npm run tokens -- generate --tenant <id> --kind auditor`)' } },
    schemas: {
      Error: {
        type: 'object',
        required: ['errorCode', 'errorSummary', 'errorCauses'],
        properties: { errorCode: { type: 'string' }, errorSummary: { type: 'string' }, errorLink: { type: 'string' }, errorId: { type: 'string' }, errorCauses: { type: 'array', items: { type: 'object', properties: { errorSummary: { type: 'string' } } } } },
      },
      LogEvent: {
        type: 'object',
        properties: {
          uuid: { type: 'string', format: 'uuid', description: 'The message id' },
          published: { type: 'string', format: 'date-time', description: 'When the audit store recorded it' },
          occurred: { type: 'string', format: 'date-time', description: 'When the event happened (message time)' },
          tenantId: { type: 'string' },
          eventType: { type: 'string', examples: ['user.create.requested', 'zoom.user.created', 'zoom.user.sync.failed', 'mapping.rejected', 'group.member.added', 'scim.request', 'audit.events.listed'] },
          outcome: { type: 'object', properties: { result: { type: 'string', enum: ['SUCCESS', 'FAILURE', 'SKIPPED', 'PENDING'] }, reason: { type: ['string', 'null'] } } },
          actor: { type: 'object', properties: { id: { type: 'string' }, type: { type: 'string' } } },
          target: { type: 'array', items: { type: 'object', properties: { id: { type: ['string', 'null'] }, type: { type: 'string' }, alternateId: { type: 'string' }, displayName: { type: 'string' } } } },
          transaction: { type: 'object', properties: { id: { type: 'string', description: 'correlation id' }, causationId: { type: ['string', 'null'] } } },
          topic: { type: 'string' },
          debugContext: { type: 'object', properties: { debugData: { description: 'The message data, secrets redacted' } } },
          chain: { type: 'object', properties: { seq: { type: 'string' }, hash: { type: 'string' } } },
        },
      },
      UserTimeline: {
        type: 'object',
        properties: {
          user: { type: 'string' },
          status: {
            type: 'object',
            properties: {
              state: { type: 'string', enum: ['never-reached-bridge', 'pending', 'in-zoom', 'removed-from-zoom', 'provisioning-switched-off', 'mapping-rejected', 'zoom-refused', 'waiting-for-rate-limit', 'dead-lettered', 'tenant-quarantined'] },
              explanation: { type: 'string' },
              since: { type: ['string', 'null'] },
              evidence: { type: ['string', 'null'], description: 'uuid of the deciding record' },
              rule: { type: 'string' },
              attribute: { type: ['string', 'null'] },
              reasonCode: { type: 'string' },
              retryAt: { type: ['string', 'null'] },
              removalLatencyMs: { type: 'integer' },
            },
          },
          since: { type: 'string' },
          until: { type: 'string' },
          truncated: { type: 'boolean' },
          events: { type: 'array', items: { $ref: '#/components/schemas/LogEvent' } },
        },
      },
      VerificationReport: {
        type: 'object',
        properties: {
          tenantId: { type: 'string' },
          intact: { type: 'boolean' },
          anchor: { type: 'object', properties: { kind: { type: 'string', enum: ['genesis', 'periodic', 'retention'] }, seq: { type: 'string' } } },
          firstSeq: { type: ['string', 'null'] },
          lastSeq: { type: ['string', 'null'] },
          recordsChecked: { type: 'integer' },
          checkpointsChecked: { type: 'integer' },
          firstBroken: {
            type: ['object', 'null'],
            properties: { problem: { type: 'string', enum: ['missing-record', 'duplicate-record', 'prev-hash-mismatch', 'hash-mismatch', 'checkpoint-mismatch', 'checkpoint-signature-invalid', 'tail-truncated'] }, seq: { type: 'string' }, id: { type: ['string', 'null'] }, message: { type: 'string' } },
          },
          durationMs: { type: 'integer' },
        },
      },
    },
  },
} as const;
