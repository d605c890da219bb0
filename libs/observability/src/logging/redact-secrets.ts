export const REDACTED = '[REDACTED]';

const SECRET_KEY = /pass(word)?|secret|token|authorization|cookie|api[-_]?key/i;
// An identifier of a secret (the `tokenId` an ingest request record carries) is what audits need, not a secret.
const SECRET_IDENTIFIER_KEY = /(Id|ID|_id)$/;
const BEARER_CREDENTIAL = /\bBearer\s+[A-Za-z0-9\-._~+/]+=*/gi;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key) && !SECRET_IDENTIFIER_KEY.test(key);
}

export function redactBearerCredentials(text: string): string {
  return text.replace(BEARER_CREDENTIAL, `Bearer ${REDACTED}`);
}

/**
 * A copy of `value` safe to persist, publish or log: values under secret-looking keys become
 * "[REDACTED]" at any depth, and `Bearer <credential>` is blanked inside every string.
 * Errors become plain `{ type, message, stack }` objects so their text is redacted too.
 */
export function redactSecrets(value: unknown): unknown {
  return redact(value, new WeakSet());
}

function redact(value: unknown, ancestors: WeakSet<object>): unknown {
  if (typeof value === 'string') {
    return redactBearerCredentials(value);
  }
  if (typeof value !== 'object' || value === null || value instanceof Date || ArrayBuffer.isView(value)) {
    return value;
  }
  if (ancestors.has(value)) {
    return '[Circular]';
  }
  ancestors.add(value);
  try {
    return redactObject(value, ancestors);
  } finally {
    // Only ancestors count: the same object reached twice along different paths is not a cycle.
    ancestors.delete(value);
  }
}

function redactObject(value: object, ancestors: WeakSet<object>): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => redact(item, ancestors));
  }
  if (value instanceof Error) {
    const { name: type, message, stack, cause } = value;
    return redactEntries({ ...value, type, message, stack, ...(cause === undefined ? {} : { cause }) }, ancestors);
  }
  if (value instanceof Map) {
    const entries = [...(value as Map<unknown, unknown>)].map(([key, entry]) => [String(key), entry] as const);
    return redactEntries(Object.fromEntries(entries), ancestors);
  }
  if (hasToJson(value)) {
    return redact(value.toJSON(), ancestors);
  }
  return redactEntries(value, ancestors);
}

function redactEntries(value: object, ancestors: WeakSet<object>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    copy[key] = isSecretKey(key) ? REDACTED : redact(entry, ancestors);
  }
  return copy;
}

function hasToJson(value: object): value is { toJSON(): unknown } {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function';
}
