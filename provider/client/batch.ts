/**
 * Reads objects of one kind in one environment through a shared list call. Every waiting resource of
 * a stack runs in one provider process; when their polls coincide, one list answers them all, which
 * keeps a mesh of many links far below the API's rate limit (bench/RESULTS.md, P3).
 */
export class BatchReader<T extends { id: string }> {
  private inflight: { started: number; items: Promise<Map<string, T>> } | undefined;
  private last: Map<string, T> | undefined;
  private fetchedAt = -Infinity;

  constructor(
    private readonly list: () => Promise<T[]>,
    /** A snapshot younger than this answers without a new list call (each call may ask for less). */
    private readonly maxAgeMs: number,
  ) {}

  /**
   * The object from a shared snapshot no older than `maxAgeMs`; `direct` (a GET) when the snapshot
   * does not hold it. With 0, only a list started by this call answers.
   */
  async get(id: string, direct: () => Promise<T>, maxAgeMs = this.maxAgeMs, notBefore = 0): Promise<T> {
    // A list that started before the object existed cannot hold it: the GET decides (and says 404).
    return (await this.snapshot(maxAgeMs, notBefore)).get(id) ?? direct();
  }

  /** Every object of a shared snapshot, under the same rules as `get`. */
  async all(maxAgeMs = this.maxAgeMs, notBefore = 0): Promise<T[]> {
    return [...(await this.snapshot(maxAgeMs, notBefore)).values()];
  }

  /** A snapshot from a list started less than `maxAgeMs` ago, and not before `notBefore` (epoch ms). */
  private snapshot(maxAgeMs: number, notBefore: number): Promise<Map<string, T>> {
    const now = Date.now();
    const fresh = (started: number) => maxAgeMs > 0 && now - started < maxAgeMs && started >= notBefore;
    if (this.inflight && fresh(this.inflight.started)) return this.inflight.items;
    if (this.last && fresh(this.fetchedAt)) return Promise.resolve(this.last);
    const started = now;
    const items = this.list().then((list) => {
      const snapshot = new Map(list.map((item) => [item.id, item]));
      // Lists may overlap (a caller that wants a fresher one does not share): keep the newest.
      if (started >= this.fetchedAt) {
        this.last = snapshot;
        this.fetchedAt = started;
      }
      return snapshot;
    });
    const entry = { started, items };
    this.inflight = entry;
    const clear = () => {
      if (this.inflight === entry) this.inflight = undefined;
    };
    items.then(clear, clear);
    return items;
  }
}

const readers = new Map<string, BatchReader<{ id: string }>>();

/** The process-wide reader for `key` (API identity, kind and environment). */
export function sharedReader<T extends { id: string }>(
  key: string,
  list: () => Promise<T[]>,
  maxAgeMs: number,
): BatchReader<T> {
  let reader = readers.get(key);
  if (!reader) {
    reader = new BatchReader(list, maxAgeMs);
    readers.set(key, reader);
  }
  return reader as unknown as BatchReader<T>;
}
