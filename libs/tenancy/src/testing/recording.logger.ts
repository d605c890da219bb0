import type { TenancyLogger } from '../tenancy.logger';

export interface LoggedLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown> | undefined;
}

/** A logger double that keeps what was logged, for asserting on it. */
export class RecordingLogger implements TenancyLogger {
  readonly lines: LoggedLine[] = [];

  info(message: string, fields?: Record<string, unknown>): void {
    this.lines.push({ level: 'info', message, fields });
  }

  warn(message: string, fields?: Record<string, unknown>): void {
    this.lines.push({ level: 'warn', message, fields });
  }

  error(message: string, fields?: Record<string, unknown>): void {
    this.lines.push({ level: 'error', message, fields });
  }

  at(level: LoggedLine['level']): LoggedLine[] {
    return this.lines.filter((line) => line.level === level);
  }
}
