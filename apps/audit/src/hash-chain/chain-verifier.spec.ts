import { GENESIS_HASH, chainHash } from './canonical-record';
import { ChainVerifier, type ChainProblem, type ChainRow } from './chain-verifier';

function chain(length: number): ChainRow[] {
  const rows: ChainRow[] = [];
  let previous = GENESIS_HASH;
  for (let seq = 1; seq <= length; seq += 1) {
    const canonical = `["record",${seq}]`;
    const hash = chainHash(previous, canonical);
    rows.push({ id: `id-${seq}`, seq: String(seq), prevHash: previous, hash, canonical });
    previous = hash;
  }
  return rows;
}

function verify(rows: ChainRow[], checkpoints = new Map<string, string>(), latest?: bigint): { problem?: ChainProblem; seq?: string; checked: number } {
  const verifier = new ChainVerifier({ seq: 0n, hash: GENESIS_HASH }, checkpoints);
  for (const row of rows) {
    if (!verifier.accept(row)) {
      break;
    }
  }
  const broken = verifier.finish(latest, undefined);
  return { problem: broken?.problem, seq: broken?.seq, checked: verifier.recordsChecked };
}

describe('ChainVerifier', () => {
  it('accepts an intact chain', () => {
    expect(verify(chain(5))).toEqual({ problem: undefined, seq: undefined, checked: 5 });
  });

  it.each<[string, (rows: ChainRow[]) => ChainRow[], ChainProblem, string]>([
    ['an edited record', (rows) => rows.map((row) => (row.seq === '3' ? { ...row, canonical: '["edited"]' } : row)), 'hash-mismatch', '3'],
    ['a deleted record', (rows) => rows.filter((row) => row.seq !== '3'), 'missing-record', '4'],
    ['an inserted record', (rows) => [...rows.slice(0, 3), { ...rows[2], id: 'forged' }, ...rows.slice(3)], 'duplicate-record', '3'],
    ['two swapped records', (rows) => [rows[0], { ...rows[2], seq: '2' }, { ...rows[1], seq: '3' }, ...rows.slice(3)], 'prev-hash-mismatch', '2'],
    [
      'an edited record whose hash was recomputed',
      (rows) => rows.map((row) => (row.seq === '3' ? { ...row, canonical: 'x', hash: chainHash(row.prevHash, 'x') } : row)),
      'prev-hash-mismatch',
      '4',
    ],
  ])('finds %s', (_name, tamper, problem, seq) => {
    expect(verify(tamper(chain(5)))).toMatchObject({ problem, seq });
  });

  it('finds a chain rewritten from some point on through the signed checkpoint', () => {
    const rows = chain(5);
    const rewritten = [...rows.slice(0, 2)];
    let previous = rows[1].hash;
    for (const row of rows.slice(2)) {
      const canonical = `${row.canonical}!`;
      const hash = chainHash(previous, canonical);
      rewritten.push({ ...row, prevHash: previous, hash, canonical });
      previous = hash;
    }
    expect(verify(rewritten, new Map([['4', rows[3].hash]]))).toMatchObject({ problem: 'checkpoint-mismatch', seq: '4' });
  });

  it('finds a cut-off tail when a signed checkpoint lies beyond the last record', () => {
    expect(verify(chain(3), new Map(), 5n)).toMatchObject({ problem: 'tail-truncated', seq: '4' });
  });

  it('starts from a retention anchor', () => {
    const rows = chain(6);
    const verifier = new ChainVerifier({ seq: 3n, hash: rows[2].hash }, new Map());
    expect(rows.slice(3).every((row) => verifier.accept(row))).toBe(true);
    expect(verifier.finish(6n, undefined)).toBeUndefined();
  });
});
