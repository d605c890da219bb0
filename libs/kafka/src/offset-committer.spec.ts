import { OffsetCommitter, type PartitionOffset } from './offset-committer';

function gate(): { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void } {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A committer whose requests always succeed, and the requests it sent. */
function recording(): { requests: PartitionOffset[][]; committer: OffsetCommitter } {
  const requests: PartitionOffset[][] = [];
  const committer = new OffsetCommitter(async (offsets) => {
    requests.push(offsets);
  }, () => undefined);
  return { requests, committer };
}

describe('OffsetCommitter', () => {
  it('commits every handled partition in one request, with the highest offset of each', async () => {
    const { requests, committer } = recording();
    committer.handled('a', 0, '5');
    committer.handled('a', 1, '9');
    committer.handled('a', 1, '7');
    committer.handled('b', 0, '3');
    await committer.flush();
    expect(requests).toEqual([
      [
        { topic: 'a', partition: 0, offset: '5' },
        { topic: 'a', partition: 1, offset: '9' },
        { topic: 'b', partition: 0, offset: '3' },
      ],
    ]);
    await committer.flush();
    expect(requests).toHaveLength(1);
  });

  it('keeps what arrives during a request for the next one, and drains it before leaving', async () => {
    const requests: PartitionOffset[][] = [];
    const gates: ReturnType<typeof gate>[] = [];
    const committer = new OffsetCommitter((offsets) => {
      requests.push(offsets);
      const next = gate();
      gates.push(next);
      return next.promise;
    }, () => undefined);
    committer.handled('a', 0, '1');
    const first = committer.flush();
    committer.handled('a', 0, '2');
    void committer.flush();
    expect(requests).toHaveLength(1);
    const drained = committer.drain();
    gates[0].resolve();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    expect(requests[1]).toEqual([{ topic: 'a', partition: 0, offset: '2' }]);
    gates[1].resolve();
    await drained;
  });

  it('puts the offsets of a failed request back, unless newer ones arrived meanwhile', async () => {
    const requests: PartitionOffset[][] = [];
    const errors: unknown[] = [];
    let fail = true;
    let release!: () => void;
    const committer = new OffsetCommitter(async (offsets) => {
      requests.push(offsets);
      if (fail) {
        fail = false;
        await new Promise<void>((resolve) => (release = resolve));
        throw new Error('coordinator moved');
      }
    }, (error) => errors.push(error));
    committer.handled('a', 0, '5');
    committer.handled('a', 1, '5');
    const failing = committer.flush();
    committer.handled('a', 1, '8');
    release();
    await failing;
    expect(errors).toHaveLength(1);
    await committer.flush();
    expect(requests[1]).toEqual(
      expect.arrayContaining([
        { topic: 'a', partition: 0, offset: '5' },
        { topic: 'a', partition: 1, offset: '8' },
      ]),
    );
    expect(requests[1]).toHaveLength(2);
  });

  it('forgets pending offsets after a rebalance', async () => {
    const { requests, committer } = recording();
    committer.handled('a', 0, '5');
    committer.forget();
    await committer.flush();
    expect(requests).toEqual([]);
  });
});
