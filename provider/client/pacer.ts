/**
 * Paces the requests of one API identity in this process to the rate limit the API advertises.
 *
 * All of a stack's resources run in one provider process, so they share the API key's limit. The
 * pacer learns the limit from `X-RateLimit-Limit` / `X-RateLimit-Remaining`, lets requests go at that
 * rate (writes before polls: a poll can wait, a create on the critical path should not), and after a
 * 429 holds everything until its Retry-After has passed, so that throttled requests do not all come
 * back at the same instant and collide again.
 */
export class Pacer {
  private limit = Infinity;
  private tokens = Infinity;
  private refilledAt = Date.now();
  private heldUntil = 0;
  private readonly queue: { write: boolean; go: () => void }[] = [];
  private timer: NodeJS.Timeout | undefined;

  /** Resolves when a request may start. */
  acquire(write: boolean): Promise<void> {
    return new Promise((go) => {
      this.queue.push({ write, go });
      this.drain();
    });
  }

  /** What a response said about the limit. */
  observe(limitHeader: string | undefined, remainingHeader: string | undefined): void {
    const limit = Number(limitHeader);
    const remaining = Number(remainingHeader);
    if (!Number.isFinite(limit) || limit <= 0 || !Number.isFinite(remaining)) return;
    this.refill();
    if (this.limit === Infinity) this.tokens = remaining;
    this.limit = limit;
    // Requests still in flight have taken tokens here but not yet there: keep the lower count.
    this.tokens = Math.min(this.tokens, remaining);
  }

  /** A 429: nothing starts before `ms` from now. */
  hold(ms: number): void {
    this.heldUntil = Math.max(this.heldUntil, Date.now() + ms);
    if (this.limit !== Infinity) this.tokens = Math.min(this.tokens, 0);
  }

  private refill(): void {
    const now = Date.now();
    if (this.limit !== Infinity) {
      this.tokens = Math.min(this.limit, this.tokens + ((now - this.refilledAt) / 1000) * this.limit);
    }
    this.refilledAt = now;
  }

  private drain(): void {
    if (this.timer) return;
    this.refill();
    const now = Date.now();
    while (this.queue.length > 0 && now >= this.heldUntil && this.tokens >= 1) {
      const index = Math.max(
        0,
        this.queue.findIndex((waiting) => waiting.write),
      );
      const [next] = this.queue.splice(index, 1);
      if (this.limit !== Infinity) this.tokens -= 1;
      next.go();
    }
    if (this.queue.length === 0) return;
    const untilToken = this.limit === Infinity ? 0 : ((1 - this.tokens) / this.limit) * 1000;
    const wait = Math.max(this.heldUntil - now, untilToken, 1);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.drain();
    }, wait);
  }
}

const pacers = new Map<string, Pacer>();

/** The process-wide pacer of an API identity (endpoint and key). */
export function pacerFor(identity: string): Pacer {
  let pacer = pacers.get(identity);
  if (!pacer) {
    pacer = new Pacer();
    pacers.set(identity, pacer);
  }
  return pacer;
}
