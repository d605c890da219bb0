/** What the call log keeps of a request body: its shape, never its personal data or secrets. */
export interface BodySummary {
  chars: number;
  keys: string[];
  /** The userName with its local part masked: `a***@example.com`. */
  userName?: string;
  active?: boolean;
  /** Each PATCH operation as `op path` or `op {value keys}`. */
  operations?: string[];
  members?: number;
}

export function summarizeBody(body: unknown, chars: number): BodySummary | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return undefined;
  }
  const record = body as Record<string, unknown>;
  const { userName, active, members } = record;
  const operations = record['Operations'] ?? record['operations'];
  // One literal with every field (absent ones undefined, which JSON leaves out): the log keeps 200k of these.
  return {
    chars,
    keys: Object.keys(record),
    userName: typeof userName === 'string' ? maskEmail(userName) : undefined,
    active: typeof active === 'boolean' ? active : undefined,
    operations: Array.isArray(operations) ? operations.map(describeOperation) : undefined,
    members: Array.isArray(members) ? members.length : undefined,
  };
}

export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at < 1) {
    return '***';
  }
  return `${value[0]}***${value.slice(at)}`;
}

function describeOperation(operation: unknown): string {
  if (typeof operation !== 'object' || operation === null) {
    return '?';
  }
  const { op, path, value } = operation as Record<string, unknown>;
  const verb = typeof op === 'string' ? op : '?';
  if (typeof path === 'string') {
    return `${verb} ${path}`;
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return `${verb} {${Object.keys(value).join(',')}}`;
  }
  return verb;
}
