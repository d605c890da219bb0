/**
 * The message of anything thrown. `instanceof Error` is not enough: errors from Node's fs can come
 * from another realm (Jest's sandbox), so the shape is checked instead.
 */
export function describeError(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') {
    return error.message;
  }
  return String(error);
}
