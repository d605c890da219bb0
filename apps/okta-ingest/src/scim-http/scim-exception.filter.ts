import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { ScimError, scimErrorBody } from '@bridge/scim';
import { BridgeLogger } from '@bridge/observability';

/** Every error on the SCIM surface answers with an RFC 7644 error body. */
@Catch()
export class ScimExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: BridgeLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const error = toScimError(exception);
    if (error.status >= 500) {
      this.logger.error('SCIM request failed', { error: exception instanceof Error ? exception.stack : String(exception) });
    }
    sendScimError(response, error);
  }
}

export function toScimError(exception: unknown): ScimError {
  if (exception instanceof ScimError) {
    return exception;
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    return new ScimError(status, status === 404 ? 'No such SCIM endpoint.' : exception.message);
  }
  return new ScimError(500, 'The bridge could not complete the request; Okta will retry it. If it persists, check the bridge logs.');
}

/** Errors from the body parser, before Nest routing: malformed JSON, oversized bodies. */
export function bodyParserErrorToScim(error: { type?: string; status?: number; limit?: number }): ScimError | undefined {
  switch (error.type) {
    case 'entity.parse.failed':
      return new ScimError(400, 'The request body is not valid JSON.', 'invalidSyntax');
    case 'entity.too.large':
      return new ScimError(413, `The request body is larger than the ${error.limit ?? ''} bytes the bridge accepts.`.replace('  ', ' '));
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ScimError(415, 'The request body must be UTF-8 JSON.', 'invalidSyntax');
    default:
      return error.status !== undefined && error.status >= 400 && error.status < 500
        ? new ScimError(error.status, 'The request body could not be read.', 'invalidSyntax')
        : undefined;
  }
}

export function sendScimError(response: Response, error: ScimError): void {
  // The request log reads it: the audit trail shows Okta's admin the same detail Okta showed.
  response.locals['scimError'] = { scimType: error.scimType, detail: error.detail };
  if (error.retryAfterSeconds !== undefined) {
    response.setHeader('Retry-After', String(error.retryAfterSeconds));
  }
  response.status(error.status).type('application/scim+json').send(JSON.stringify(scimErrorBody(error.status, error.detail, error.scimType)));
}
