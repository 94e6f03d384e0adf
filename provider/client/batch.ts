/**
 * Reads objects of one type in one environment through a shared list call. Every waiting resource of
 * a stack runs in one provider process; when their polls coincide, one list answers them all, which
 * keeps a mesh of many links far below the API's rate limit (bench/RESULTS.md, P3).
 */

import { moreUrgent, Urgency } from "./pacer";

/**
 * Lists every object. A list that calls `sent` when its first request leaves (after any wait in the
 * pacer; see `tellsWhenSent`) can be shared for as long as it is queued: what it returns is read after
 * that moment.
 */
export type ListCall<T> = (sent: () => void, urgency: () => Urgency) => Promise<T[]>;

interface Listing<T> {
  /** When the server read the data at the earliest; undefined while the request is still queued. */
  readFrom: number | undefined;
  /** Its turn in the pacer: that of the most urgent of the callers it answers. */
  urgency: Urgency;
  items: Promise<Map<string, T>>;
}

/** Which snapshot may answer a read: how old at most, read no earlier than when, at which turn. */
export interface SnapshotNeed {
  /** At most this old (default: the reader's own); 0: only a list started by this call answers. */
  maxAgeMs?: number;
  /** Read by the server no earlier than this (epoch ms). Default 0. */
  notBefore?: number;
  /** The pacer's turn of a list made for it. Default "read". */
  urgency?: Urgency;
}

export class BatchReader<T extends { id: string }> {
  private inflight: Listing<T> | undefined;
  private last: Map<string, T> | undefined;
  private lastReadFrom = -Infinity;

  constructor(
    private readonly list: ListCall<T>,
    /** A snapshot younger than this answers without a new list call (each call may ask for less). */
    private readonly maxAgeMs: number,
    /** tellsWhenSent: whether `list` calls `sent`; otherwise a list counts as read from when it is called. */
    private readonly options: { tellsWhenSent?: boolean } = {},
  ) {}

  /**
   * The object from a shared snapshot no older than `maxAgeMs`; `direct` (a GET) when the snapshot
   * does not hold it. With 0, only a list started by this call answers.
   */
  async get(id: string, direct: () => Promise<T>, need: SnapshotNeed = {}): Promise<T> {
    // A list that started before the object existed cannot hold it: the GET decides (and says 404).
    return (await this.snapshot(need)).get(id) ?? direct();
  }

  /** Every object of a shared snapshot, under the same rules as `get`. */
  async all(need: SnapshotNeed = {}): Promise<T[]> {
    return [...(await this.snapshot(need)).values()];
  }

  /**
   * A snapshot read by the server less than `maxAgeMs` ago and not before `notBefore` (epoch ms). A
   * list still waiting to be sent qualifies for any caller: the server reads it after now.
   */
  private snapshot(need: SnapshotNeed): Promise<Map<string, T>> {
    const { maxAgeMs = this.maxAgeMs, notBefore = 0, urgency = "read" } = need;
    const now = Date.now();
    const fresh = (readFrom: number) => now - readFrom < maxAgeMs && readFrom >= notBefore;
    // What is at hand first: a list still queued may wait its turn in the pacer for a second or more.
    if (maxAgeMs > 0 && this.last && fresh(this.lastReadFrom)) return Promise.resolve(this.last);
    const inflight = this.inflight;
    if (maxAgeMs > 0 && inflight && fresh(inflight.readFrom ?? now)) {
      // A create joining a queued poll's list must not wait a poll's turn.
      inflight.urgency = moreUrgent(inflight.urgency, urgency);
      return inflight.items;
    }
    return this.listNow(now, urgency);
  }

  private listNow(started: number, urgency: Urgency): Promise<Map<string, T>> {
    const entry: Listing<T> = {
      readFrom: this.options.tellsWhenSent ? undefined : started,
      urgency,
      items: Promise.resolve(new Map()),
    };
    const sent = () => {
      entry.readFrom ??= Date.now();
    };
    entry.items = this.list(sent, () => entry.urgency).then((list) => {
      const snapshot = new Map(list.map((item) => [item.id, item]));
      // A list that never said when it left may have been read as early as its call.
      const readFrom = entry.readFrom ?? started;
      // Lists may overlap (a caller that wants a fresher one does not share): keep the newest.
      if (readFrom >= this.lastReadFrom) {
        this.last = snapshot;
        this.lastReadFrom = readFrom;
      }
      return snapshot;
    });
    this.inflight = entry;
    const clear = () => {
      if (this.inflight === entry) this.inflight = undefined;
    };
    entry.items.then(clear, clear);
    return entry.items;
  }
}

const readers = new Map<string, BatchReader<{ id: string }>>();

/** The process-wide reader for `key` (API identity, type and environment). */
export function sharedReader<T extends { id: string }>(
  key: string,
  list: ListCall<T>,
  maxAgeMs: number,
  options: { tellsWhenSent?: boolean } = {},
): BatchReader<T> {
  let reader = readers.get(key);
  if (!reader) {
    reader = new BatchReader(list, maxAgeMs, options);
    readers.set(key, reader);
  }
  return reader as unknown as BatchReader<T>;
}
