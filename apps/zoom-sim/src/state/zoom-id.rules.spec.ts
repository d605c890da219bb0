import { ZOOM_ID_LENGTH, generateZoomId } from './zoom-id.rules';

describe('generateZoomId', () => {
  it('makes 22-character ids from letters, digits, "-" and "_"', () => {
    for (let round = 0; round < 100; round += 1) {
      expect(generateZoomId()).toMatch(/^[A-Za-z0-9_-]{22}$/);
    }
  });

  it('maps bytes to the alphabet', () => {
    expect(generateZoomId(new Uint8Array(ZOOM_ID_LENGTH).fill(0))).toBe('A'.repeat(22));
    expect(generateZoomId(new Uint8Array(ZOOM_ID_LENGTH).fill(63))).toBe('_'.repeat(22));
  });
});
