import type { Response } from 'express';
import type { ZoomReply } from './zoom-error.rules';

export const SCIM_CONTENT_TYPE = 'application/scim+json';

/** Writes a reply directly: no ETag, no content negotiation, one JSON serialisation. */
export function sendZoomReply(res: Response, reply: ZoomReply): void {
  res.statusCode = reply.status;
  if (reply.headers !== undefined) {
    for (const name in reply.headers) {
      res.setHeader(name, reply.headers[name]);
    }
  }
  if (reply.body === undefined) {
    res.end();
    return;
  }
  const payload = JSON.stringify(reply.body);
  res.setHeader('Content-Type', SCIM_CONTENT_TYPE);
  res.setHeader('Content-Length', Buffer.byteLength(payload));
  res.end(payload);
}
