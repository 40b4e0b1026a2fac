/**
 * Group commit: requests that arrive while a statement is running are written together by the
 * next one. One batch runs at a time; the first request after a quiet moment goes at once (no
 * added wait), and under load a batch holds what queued up during the previous one (up to
 * `maxBatch`). So a burst of N requests costs about N / batch statements, commits and socket
 * round trips to the database instead of N of each.
 *
 * Requests with the same `key` never share a batch (a row touched twice by one upsert is an
 * error in PostgreSQL, and the later request must land after the earlier one): the later one
 * waits for the next batch, so requests with one key are written in arrival order.
 *
 * When a batch fails, each of its requests is tried again alone, so one bad request fails by
 * itself instead of failing everyone who shared its batch.
 */
export class GroupCommit<In, Out> {
  private readonly queue: {
    item: In;
    resolve: (out: Out) => void;
    reject: (e: unknown) => void;
  }[] = [];
  private running = false;

  constructor(
    /** Writes the batch; returns one result per item, in the items' order. */
    private readonly write: (items: readonly In[]) => Promise<readonly Out[]>,
    /** `key`: requests with one key never share a batch; without it, any may. */
    private readonly options: { maxBatch: number; key?: (item: In) => string },
  ) {}

  /** Resolves once the item's batch is written (or rejects with why it was not). */
  add(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  /** Requests waiting for a batch (not counting the one being written). */
  get waiting(): number {
    return this.queue.length;
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.takeBatch();
        await this.writeBatch(batch);
      }
    } finally {
      this.running = false;
    }
  }

  /** The oldest waiting requests, at most one per key, up to `maxBatch`; the rest keep order. */
  private takeBatch(): typeof this.queue {
    const batch: typeof this.queue = [];
    const keys = new Set<string>();
    const rest: typeof this.queue = [];
    let i = 0;
    for (; i < this.queue.length && batch.length < this.options.maxBatch; i++) {
      const entry = this.queue[i];
      const key = this.options.key?.(entry.item);
      if (key === undefined) batch.push(entry);
      else if (keys.has(key)) rest.push(entry);
      else {
        keys.add(key);
        batch.push(entry);
      }
    }
    this.queue.splice(0, i, ...rest);
    return batch;
  }

  private async writeBatch(batch: typeof this.queue): Promise<void> {
    let results: readonly Out[];
    try {
      results = await this.write(batch.map((entry) => entry.item));
      if (results.length !== batch.length)
        throw new Error(`group commit: ${results.length} results for ${batch.length} items`);
    } catch (error) {
      if (batch.length === 1) {
        batch[0].reject(error);
        return;
      }
      // One at a time, so a request that cannot be written fails alone.
      for (const entry of batch) await this.writeBatch([entry]);
      return;
    }
    batch.forEach((entry, i) => {
      entry.resolve(results[i]);
    });
  }
}
