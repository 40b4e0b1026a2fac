import { GroupCommit } from './group-commit';

/** A writer whose batches finish when the test says so, recording what each batch held. */
function controlledWriter() {
  const batches: string[][] = [];
  const finish: (() => void)[] = [];
  const write = (items: readonly string[]) => {
    batches.push([...items]);
    return new Promise<string[]>((resolve) => {
      finish.push(() => {
        resolve(items.map((item) => `ok:${item}`));
      });
    });
  };
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { batches, finish, write, settle };
}

const byPrefix = (item: string) => item.split('#')[0];

describe('GroupCommit', () => {
  it('writes the first request at once and what queued meanwhile as the next batch', async () => {
    const w = controlledWriter();
    const commit = new GroupCommit(w.write, { maxBatch: 10, key: (s) => s });
    const first = commit.add('a');
    await w.settle();
    expect(w.batches).toEqual([['a']]);
    const later = [commit.add('b'), commit.add('c'), commit.add('d')];
    await w.settle();
    expect(w.batches).toHaveLength(1); // b, c, d wait for a's batch
    expect(commit.waiting).toBe(3);
    w.finish[0]();
    await expect(first).resolves.toBe('ok:a');
    await w.settle();
    expect(w.batches[1]).toEqual(['b', 'c', 'd']);
    w.finish[1]();
    await expect(Promise.all(later)).resolves.toEqual(['ok:b', 'ok:c', 'ok:d']);
  });

  it('caps a batch at maxBatch and keeps arrival order across batches', async () => {
    const w = controlledWriter();
    const commit = new GroupCommit(w.write, { maxBatch: 2, key: (s) => s });
    const all = ['a', 'b', 'c', 'd', 'e'].map((s) => commit.add(s));
    for (let i = 0; i < 3; i++) {
      await w.settle();
      w.finish[i]();
    }
    await expect(Promise.all(all)).resolves.toEqual(['ok:a', 'ok:b', 'ok:c', 'ok:d', 'ok:e']);
    expect(w.batches).toEqual([['a'], ['b', 'c'], ['d', 'e']]);
  });

  it('never puts two requests with one key in a batch; the later waits for the next', async () => {
    const w = controlledWriter();
    const commit = new GroupCommit(w.write, { maxBatch: 10, key: byPrefix });
    const first = commit.add('x#0');
    await w.settle();
    const rest = ['x#1', 'y#1', 'x#2', 'z#1', 'y#2'].map((s) => commit.add(s));
    w.finish[0]();
    await first;
    for (let i = 1; i < 4; i++) {
      await w.settle();
      w.finish[i]?.();
    }
    await Promise.all(rest);
    expect(w.batches).toEqual([['x#0'], ['x#1', 'y#1', 'z#1'], ['x#2', 'y#2']]);
  });

  it('retries a failed batch one request at a time, so only the bad one fails', async () => {
    const batches: string[][] = [];
    const commit = new GroupCommit(
      (items: readonly string[]) => {
        batches.push([...items]);
        if (items.includes('bad')) return Promise.reject(new Error('bad row'));
        return Promise.resolve(items.map((s) => s.toUpperCase()));
      },
      { maxBatch: 10, key: (s) => s },
    );
    const first = commit.add('a');
    const rest = [commit.add('b'), commit.add('bad'), commit.add('c')];
    await expect(first).resolves.toBe('A');
    const settled = await Promise.allSettled(rest);
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : String(s.reason)))).toEqual([
      'B',
      'Error: bad row',
      'C',
    ]);
    expect(batches).toEqual([['a'], ['b', 'bad', 'c'], ['b'], ['bad'], ['c']]);
  });

  it('rejects every request of a batch whose writer returns the wrong number of results', async () => {
    const commit = new GroupCommit((items: readonly string[]) => Promise.resolve(items.slice(1)), {
      maxBatch: 10,
      key: (s) => s,
    });
    await expect(commit.add('a')).rejects.toThrow('0 results for 1 items');
  });

  it('starts again after going idle', async () => {
    const commit = new GroupCommit(
      (items: readonly number[]) => Promise.resolve(items.map((n) => n * 2)),
      { maxBatch: 4, key: String },
    );
    await expect(commit.add(1)).resolves.toBe(2);
    await expect(commit.add(2)).resolves.toBe(4);
    expect(commit.waiting).toBe(0);
  });

  it('with concurrency 2 runs two batches at once; a key being written waits for its batch', async () => {
    const w = controlledWriter();
    const commit = new GroupCommit(w.write, { maxBatch: 10, key: byPrefix, concurrency: 2 });
    const first = commit.add('x#0');
    const second = commit.add('y#0');
    await w.settle();
    expect(w.batches).toEqual([['x#0'], ['y#0']]); // both at once, each alone
    const rest = ['x#1', 'z#1', 'x#2', 'w#1'].map((s) => commit.add(s));
    await w.settle();
    expect(w.batches).toHaveLength(2); // two running: the rest wait
    w.finish[1](); // y's batch ends first: x#0 is still being written, so x#1 and x#2 stay
    await expect(second).resolves.toBe('ok:y#0');
    await w.settle();
    expect(w.batches[2]).toEqual(['z#1', 'w#1']);
    expect(commit.waiting).toBe(2);
    w.finish[0]();
    await expect(first).resolves.toBe('ok:x#0');
    await w.settle();
    expect(w.batches[3]).toEqual(['x#1']); // in arrival order, one per batch
    w.finish[2]();
    w.finish[3]();
    await w.settle();
    expect(w.batches[4]).toEqual(['x#2']);
    w.finish[4]();
    await expect(Promise.all(rest)).resolves.toEqual(['ok:x#1', 'ok:z#1', 'ok:x#2', 'ok:w#1']);
    expect(commit.waiting).toBe(0);
  });
});
