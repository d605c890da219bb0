/** A secret reference that cannot be resolved; the message names the reference, never a value. */
export class SecretUnavailableError extends Error {
  constructor(
    readonly reference: string,
    readonly reason: string,
  ) {
    super(`secret ${reference} is unavailable: ${reason}`);
    this.name = 'SecretUnavailableError';
  }
}
