import { AuditQueryErrorCode, AuditQueryException } from './audit-query.exception';

/** A position in a tenant's record order: `(recorded_at, seq)`, which follows commit order. */
export interface AuditCursor {
  recordedAt: string;
  seq: string;
}

const FORMAT = /^v1\|(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|(\d{1,19})$/;

export function encodeCursor(cursor: AuditCursor): string {
  return Buffer.from(`v1|${cursor.recordedAt}|${cursor.seq}`, 'utf8').toString('base64url');
}

export function decodeCursor(value: string): AuditCursor {
  const match = value.length > 200 ? null : FORMAT.exec(Buffer.from(value, 'base64url').toString('utf8'));
  if (match === null || Number.isNaN(new Date(match[1]).getTime())) {
    throw new AuditQueryException(AuditQueryErrorCode.INVALID_CURSOR, 'after is not a cursor this API returned', ['after: use the value from a Link rel="next" header']);
  }
  return { recordedAt: match[1], seq: match[2] };
}
