import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';

/**
 * Nest's default RPC filter turns every error into `{status:'error'}`, which would hide the
 * failure's class from the consumer that decides between retry and dead letter.
 */
@Catch()
export class RethrowRpcFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}
