/** An account definition clashes with another account (a token or OAuth client already in use). */
export class AccountConflictException extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AccountConflictException';
  }
}
