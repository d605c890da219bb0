import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DeadLetterErrorCode, DeadLetterException } from '../dead-letters/dead-letter.exception';

/** The one place the operator API's domain errors become HTTP answers. */
@Catch(DeadLetterException)
export class OperatorErrorFilter implements ExceptionFilter<DeadLetterException> {
  catch(exception: DeadLetterException, host: ArgumentsHost): void {
    host.switchToHttp().getResponse<Response>().status(statusOf(exception.code)).json({ error: exception.code, detail: exception.message });
  }
}

function statusOf(code: DeadLetterErrorCode): number {
  switch (code) {
    case DeadLetterErrorCode.NOT_FOUND:
      return 404;
    case DeadLetterErrorCode.ALREADY_REPLAYED:
      return 409;
    default: {
      const unhandled: never = code;
      throw new Error(`no status for ${String(unhandled)}`);
    }
  }
}
