/**
 * Reads objects of one kind in one environment through a shared list call. Every waiting resource of
 * a stack runs in one provider process; when their polls coincide, one list answers them all, which
 * keeps a mesh of many links far below the API's rate limit (bench/RESULTS.md, P3).
 */
export class BatchReader<T extends { id: string }> {
  private inflight: Promise<Map<string, T>> | undefined;
  private last: Map<string, T> | undefined;
  private fetchedAt = 0;

  constructor(
    private readonly list: () => Promise<T[]>,
    /** A snapshot younger than this answers without a new list call. */
    private readonly maxAgeMs: number,
  ) {}

  /** The object from a shared snapshot; `direct` (a GET) when the snapshot does not hold it. */
  async get(id: string, direct: () => Promise<T>): Promise<T> {
    // A list that started before the object existed cannot hold it: the GET decides (and says 404).
    return (await this.snapshot()).get(id) ?? direct();
  }

  private snapshot(): Promise<Map<string, T>> {
    if (this.inflight) return this.inflight;
    if (this.last && Date.now() - this.fetchedAt < this.maxAgeMs) return Promise.resolve(this.last);
    const started = Date.now();
    this.inflight = this.list()
      .then((items) => {
        this.last = new Map(items.map((item) => [item.id, item]));
        this.fetchedAt = started;
        return this.last;
      })
      .finally(() => {
        this.inflight = undefined;
      });
    return this.inflight;
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
