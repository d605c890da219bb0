import type { DestinationStream } from 'pino';

interface JsonLine {
  time?: string;
  level?: string;
  service?: string;
  tenantId?: string;
  correlationId?: string;
  msg?: string;
  err?: { stack?: string };
  [field: string]: unknown;
}

/** A pino destination that rewrites each JSON line for a human at a terminal. */
export function prettyLogStream(out: DestinationStream): DestinationStream {
  return { write: (line: string) => out.write(formatPrettyLine(line)) };
}

/** `HH:MM:SS.mmm LEVEL service [tenant corr] message {fields}`, with an error's stack on the lines below. */
export function formatPrettyLine(jsonLine: string): string {
  let parsed: JsonLine;
  try {
    parsed = JSON.parse(jsonLine) as JsonLine;
  } catch {
    // Not one of our lines (pino only writes JSON); show it as it came rather than lose it.
    return jsonLine.endsWith('\n') ? jsonLine : `${jsonLine}\n`;
  }
  const { time, level, service, tenantId, correlationId, msg, ...fields } = parsed;
  const head = [
    clockTime(time),
    (level ?? '').toUpperCase().padEnd(5),
    service ?? '-',
    `[${tenantId ?? '-'} ${correlationId ?? '-'}]`,
    msg ?? '',
  ].join(' ');
  const tail = Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : '';
  const stack = typeof fields.err?.stack === 'string' ? `\n${fields.err.stack}` : '';
  return `${head}${tail}${stack}\n`;
}

function clockTime(iso: string | undefined): string {
  const date = iso === undefined ? new Date() : new Date(iso);
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}
