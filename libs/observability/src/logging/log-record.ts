export type LogFields = Record<string, unknown>;

export interface LogRecord {
  message: string;
  fields: LogFields;
}

const STACK_TRACE = /\n\s+at .+/;

/**
 * Turns both call styles into one record: ours, `(message, fields)`, and Nest's LoggerService, where a
 * trailing string is the context and, for errors, a string before it is the stack.
 */
export function toLogRecord(message: unknown, params: readonly unknown[], hasStack: boolean): LogRecord {
  const fields: LogFields = {};
  const rest = [...params];
  const last = rest.at(-1);
  if (typeof last === 'string' && !(hasStack && rest.length === 1 && STACK_TRACE.test(last))) {
    fields['context'] = last;
    rest.pop();
  }
  for (const param of rest) {
    addParam(fields, param, hasStack);
  }
  if (typeof message === 'string') {
    return { message, fields };
  }
  if (message instanceof Error) {
    return { message: message.message, fields: { ...fields, err: message } };
  }
  if (typeof message === 'object' && message !== null) {
    return { message: '', fields: { ...fields, data: message } };
  }
  return { message: String(message), fields };
}

function addParam(fields: LogFields, param: unknown, hasStack: boolean): void {
  if (param === undefined) {
    return;
  }
  if (hasStack && typeof param === 'string') {
    fields['stack'] = param;
  } else if (param instanceof Error) {
    fields['err'] = param;
  } else if (isPlainObject(param)) {
    Object.assign(fields, param);
  } else {
    fields['args'] = [...((fields['args'] as unknown[] | undefined) ?? []), param];
  }
}

function isPlainObject(value: unknown): value is LogFields {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
