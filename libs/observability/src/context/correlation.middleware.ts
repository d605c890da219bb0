import { randomUUID } from 'node:crypto';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { runWithContext } from './bridge.context';

export const CORRELATION_HEADER = 'X-Correlation-Id';

// The id is echoed in headers and written to logs and messages, so only short, inert values are trusted.
const SANE_CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function correlationIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && SANE_CORRELATION_ID.test(header) ? header : randomUUID();
}

/** Gives every HTTP request a correlation id, in the context and in the response header. */
@Injectable()
export class CorrelationMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    const correlationId = correlationIdFrom(req.headers[CORRELATION_HEADER.toLowerCase()]);
    res.setHeader(CORRELATION_HEADER, correlationId);
    runWithContext({ correlationId }, () => next());
  }
}
