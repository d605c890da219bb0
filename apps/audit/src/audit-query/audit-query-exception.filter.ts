import { randomUUID } from 'node:crypto';
import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { AuditQueryErrorCode, AuditQueryException } from './audit-query.exception';

/** Okta's error body: the shape System Log API clients already parse. */
export interface OktaErrorBody {
  errorCode: string;
  errorSummary: string;
  errorLink: string;
  errorId: string;
  errorCauses: { errorSummary: string }[];
}

export function httpAnswerFor(code: AuditQueryErrorCode): { status: number; oktaCode: string } {
  switch (code) {
    case AuditQueryErrorCode.INVALID_PARAMETER:
    case AuditQueryErrorCode.INVALID_CURSOR:
    case AuditQueryErrorCode.TENANT_REQUIRED:
      return { status: 400, oktaCode: 'E0000001' };
    case AuditQueryErrorCode.INVALID_FILTER:
      return { status: 400, oktaCode: 'E0000031' };
    case AuditQueryErrorCode.NOT_FOUND:
      return { status: 404, oktaCode: 'E0000007' };
    default: {
      const unhandled: never = code;
      throw new Error(`unmapped audit query error ${String(unhandled)}`);
    }
  }
}

export function oktaErrorBody(exception: AuditQueryException): OktaErrorBody {
  const { oktaCode } = httpAnswerFor(exception.code);
  return {
    errorCode: oktaCode,
    errorSummary: exception.message,
    errorLink: oktaCode,
    errorId: randomUUID(),
    errorCauses: exception.causes.map((cause) => ({ errorSummary: cause })),
  };
}

@Catch(AuditQueryException)
export class AuditQueryExceptionFilter implements ExceptionFilter {
  catch(exception: AuditQueryException, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    response.status(httpAnswerFor(exception.code).status).json(oktaErrorBody(exception));
  }
}
