export enum DeadLetterErrorCode {
  NOT_FOUND = 'dead-letter-not-found',
  ALREADY_REPLAYED = 'dead-letter-already-replayed',
}

export class DeadLetterException extends Error {
  constructor(
    readonly code: DeadLetterErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DeadLetterException';
  }
}
