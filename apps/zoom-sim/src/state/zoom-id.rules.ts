import { randomBytes } from 'node:crypto';

// Zoom ids look like "z8dFgkR2TZ2jZ8eB-1ODyA": 22 characters of letters, digits, "-" and "_".
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
export const ZOOM_ID_LENGTH = 22;

/** A new id in Zoom's format; `bytes` (tests) fixes the outcome. */
export function generateZoomId(bytes: Uint8Array = randomBytes(ZOOM_ID_LENGTH)): string {
  let id = '';
  for (let index = 0; index < ZOOM_ID_LENGTH; index += 1) {
    id += ALPHABET[(bytes[index] ?? 0) & 63];
  }
  return id;
}
