/**
 * Group commit: requests that arrive while a statement is running are written together by the
 * next one. At most `concurrency` batches run at a time (default one); the first request after a
 * quiet moment goes at once (no added wait), and under load a batch holds what queued up during
 * the previous one (up to `maxBatch`). So a burst of N requests costs about N / batch
 * statements, commits and socket round trips to the database instead of N of each. With two
 * batches at a time, one is computed in this process while the other waits for the database.
 *
 * Requests with the same `key` never share a batch, nor run in two batches at once (a row
 * touched twice by one upsert is an error in PostgreSQL, and the later request must land after
 * the earlier one): the later one waits for a batch after the earlier one's has finished, so
 * requests with one key are written in arrival order.
 *
 * When a batch fails, each of its requests is tried again alone, so one bad request fails by
 * itself instead of failing everyone who shared its batch.
 */
interface Waiting<In, Out> {
  item: In;
  resolve: (out: Out) => void;
  reject: (e: unknown) => void;
}

export class GroupCommit<In, Out> {
  private readonly queue: Waiting<In, Out>[] = [];
  /** Batches being written. */
  private running = 0;
  /** The keys of the requests in the batches being written. */
  private readonly busyKeys = new Set<string>();

  constructor(
    /** Writes the batch; returns one result per item, in the items' order. */
    private readonly write: (items: readonly In[]) => Promise<readonly Out[]>,
    /**
     * `key`: requests with one key never share a batch nor run at once; without it, any may.
     * `concurrency`: batches written at once (default 1).
     */
    private readonly options: {
      maxBatch: number;
      key?: (item: In) => string;
      concurrency?: number;
    },
  ) {}

  /** Resolves once the item's batch is written (or rejects with why it was not). */
  add(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  /** Requests waiting for a batch (not counting the ones being written). */
  get waiting(): number {
    return this.queue.length;
  }

  /** Starts batches while fewer than `concurrency` run and some waiting request can go. */
  private pump(): void {
    while (this.running < (this.options.concurrency ?? 1) && this.queue.length > 0) {
      const { batch, keys } = this.takeBatch();
      if (batch.length === 0) return; // every waiting key is in a batch being written
      this.running++;
      for (const key of keys) this.busyKeys.add(key);
      void this.writeBatch(batch).finally(() => {
        this.running--;
        for (const key of keys) this.busyKeys.delete(key);
        this.pump();
      });
    }
  }

  /**
   * The oldest waiting requests, at most one per key and none whose key is being written, up to
   * `maxBatch`; the rest keep their order.
   */
  private takeBatch(): { batch: Waiting<In, Out>[]; keys: string[] } {
    const batch: Waiting<In, Out>[] = [];
    const keys = new Set<string>();
    const rest: Waiting<In, Out>[] = [];
    let i = 0;
    for (; i < this.queue.length && batch.length < this.options.maxBatch; i++) {
      const entry = this.queue[i];
      const key = this.options.key?.(entry.item);
      if (key === undefined) batch.push(entry);
      else if (keys.has(key) || this.busyKeys.has(key)) rest.push(entry);
      else {
        keys.add(key);
        batch.push(entry);
      }
    }
    this.queue.splice(0, i, ...rest);
    return { batch, keys: [...keys] };
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
