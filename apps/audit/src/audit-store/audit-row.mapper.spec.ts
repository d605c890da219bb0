import { auditRecord } from '../testing/audit-record.factory';
import { canonicalRecord } from '../hash-chain/canonical-record';
import { chainRows, prepareRow, storableJson, textArrayLiteral } from './audit-row.mapper';

describe('storableJson', () => {
  it.each<[string, unknown, string | undefined]>([
    ['sorts object keys at every depth', { b: 1, a: { d: [{ z: 1, y: 2 }], c: null } }, '{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}'],
    ['leaves undefined, functions and symbols out of objects', { a: undefined, b: () => 1, c: Symbol('s'), d: 1 }, '{"d":1}'],
    ['writes them as null in arrays', [undefined, () => 1, 2], '[null,null,2]'],
    ['writes a Date as its ISO text', { at: new Date('2026-01-02T03:04:05.006Z') }, '{"at":"2026-01-02T03:04:05.006Z"}'],
    ['writes non-finite numbers as null', [Number.NaN, Number.POSITIVE_INFINITY, 1.5e-7], '[null,null,1.5e-7]'],
    ['escapes as JSON does', { 'k"': 'line\nbreak \\ "quoted"' }, '{"k\\"":"line\\nbreak \\\\ \\"quoted\\""}'],
    ['replaces NUL and lone surrogates in values and keys', { 'k\u0000': 'v\udc00', e: '😀' }, '{"e":"😀","k\uFFFD":"v\uFFFD"}'],
    ['keeps the later of two keys that become one', { 'a\u0000': 1, 'a\uFFFD': 2 }, '{"a\uFFFD":2}'],
    ['has no JSON for undefined itself', undefined, undefined],
  ])('%s', (_name, value, json) => {
    expect(storableJson(value)).toBe(json);
  });

  it('reads back as the same value for plain JSON data', () => {
    const value = { list: [1, 'two', { three: [true, false, null] }], nested: { deep: { deeper: 'x' } }, empty: {}, none: [] };
    expect(JSON.parse(storableJson(value) ?? '')).toEqual(value);
  });
});

describe('textArrayLiteral', () => {
  it.each<[string[], string]>([
    [[], '{}'],
    [['u-1', 'NULL', ''], '{"u-1","NULL",""}'],
    [['a"b', 'c\\d', 'e,f {g}'], '{"a\\"b","c\\\\d","e,f {g}"}'],
  ])('quotes every element of %j', (values, literal) => {
    expect(textArrayLiteral(values)).toBe(literal);
  });
});

describe('chainRows', () => {
  it('hashes each record over its canonical form and the previous hash, in order', () => {
    const records = [auditRecord({ reason: 'nul \u0000 lone \ud800' }), auditRecord()];
    const rows = chainRows(records.map(prepareRow), 7n, 'f'.repeat(64), '2026-11-29T10:00:00.000Z');
    expect(rows.map((chained) => chained.seq)).toEqual(['8', '9']);
    expect(rows[0].prevHash).toBe('f'.repeat(64));
    expect(rows[1].prevHash).toBe(rows[0].hash);
    expect(rows[0].row.reason).toBe('nul \uFFFD lone \uFFFD');
    const { row } = rows[1];
    const canonical = canonicalRecord({ ...row, seq: '9', recordedAt: '2026-11-29T10:00:00.000Z' });
    expect(canonical).toBe(`${row.content.head}"9","2026-11-29T10:00:00.000Z",${row.content.tail}`);
  });

  it('lists each target id once for the target_ids column', () => {
    const row = prepareRow(auditRecord({ targets: [{ type: 'group', id: 'g-1' }, { type: 'user', id: 'u-1' }, { type: 'user', id: 'u-1' }, { type: 'message', id: null }] }));
    expect(row.targetIds).toBe('{"g-1","u-1"}');
    expect(row).toMatchObject({ targetType: 'group', targetId: 'g-1', targetName: null });
  });
});
