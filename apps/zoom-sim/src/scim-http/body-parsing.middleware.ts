import type { IncomingMessage } from 'node:http';
import { json, urlencoded, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { sendZoomReply } from './zoom-reply.writer';
import { zoomErrorReply } from './zoom-error.rules';
import { ZoomSimErrorCode } from './zoom-sim.exception';

/** Far above Zoom's 100,000-character group limit, so that limit is answered Zoom's way, not with a 413. */
export const MAX_JSON_BYTES = 1_048_576;

/** A request whose JSON body was parsed; `bodyChars` is its length in characters. */
export type MeasuredRequest = IncomingMessage & { bodyChars?: number };

/** JSON bodies as `application/scim+json` or `application/json`, measured for the group body limit. */
export function jsonBodyParser(): RequestHandler {
  return json({
    type: ['application/json', 'application/scim+json', 'application/*+json'],
    limit: MAX_JSON_BYTES,
    verify: (req: MeasuredRequest, _res, buffer: Buffer) => {
      req.bodyChars = buffer.toString('utf8').length;
    },
  });
}

/** Form bodies, for OAuth clients that send `grant_type` and `account_id` that way. */
export function formBodyParser(): RequestHandler {
  return urlencoded({ extended: false, limit: '16kb' });
}

/** Answers what the body parsers reject the way Zoom would, instead of with an HTML error page. */
export function bodyParseErrorHandler(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  const type = typeof error === 'object' && error !== null ? (error as { type?: unknown }).type : undefined;
  if (type === 'entity.too.large') {
    sendZoomReply(res, zoomErrorReply(ZoomSimErrorCode.BODY_TOO_LARGE));
    return;
  }
  if (type === 'entity.parse.failed') {
    sendZoomReply(res, zoomErrorReply(ZoomSimErrorCode.INVALID_REQUEST, 'The request body is not valid JSON.'));
    return;
  }
  next(error);
}
