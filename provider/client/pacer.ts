/**
 * Paces the requests of one API identity in this process to the rate limit the API advertises.
 *
 * All of a stack's resources run in one provider process, so they share the API key's limit. The
 * pacer learns the limit from `X-RateLimit-Limit` / `X-RateLimit-Remaining` (and, when nothing
 * remains, waits for `X-RateLimit-Reset`), lets requests go at that rate (writes before polls: a poll
 * can wait, a create on the critical path should not), and after a 429 holds everything until its
 * Retry-After has passed, so that throttled requests do not all come back at the same instant.
 *
 * One request of the budget is kept unspent while the limit allows two or more: the one that empties
 * it gets `Remaining: 0` and a Reset to wait for (a full second of a token bucket's refill, where one
 * token takes 1/limit s), so spending it would trade a steady flow for bursts and one-second stalls.
 * Against a fixed window nothing is lost: the kept request goes once the pacer's own refill allows.
 *
 * Header values are the server's word, not ours: a limit below one request per second, or a reset or
 * hold beyond MAX_HOLD_MS, is not believed, and no request waits past its operation's deadline.
 */
export const MAX_HOLD_MS = 60_000;

interface Waiting {
  write: boolean;
  deadline: number;
  go: () => void;
}

export class Pacer {
  private limit = Infinity;
  private tokens = Infinity;
  private refilledAt = Date.now();
  private heldUntil = 0;
  private readonly queue: Waiting[] = [];
  private timer: NodeJS.Timeout | undefined;

  /** Resolves when a request may start, and at the latest at `deadline` (epoch ms). */
  acquire(write: boolean, deadline = Infinity): Promise<void> {
    return new Promise((go) => {
      this.queue.push({ write, deadline, go });
      this.drain();
    });
  }

  /** What a response said about the limit. */
  observe(
    limitHeader: string | undefined,
    remainingHeader: string | undefined,
    resetHeader?: string | undefined,
  ): void {
    const limit = Number(limitHeader);
    const remaining = Number(remainingHeader);
    if (!Number.isFinite(limit) || limit < 1 || !Number.isFinite(remaining)) return;
    this.refill();
    if (this.limit === Infinity) this.tokens = remaining;
    this.limit = limit;
    // Requests still in flight have taken tokens here but not yet there: keep the lower count.
    this.tokens = Math.min(this.tokens, remaining);
    const reset = Number(resetHeader);
    // The reset is in seconds from now; with nothing left, nothing should start before it.
    if (remaining < 1 && Number.isFinite(reset) && reset > 0) this.hold(reset * 1000);
  }

  /** A 429 (or an exhausted budget): nothing starts before `ms` from now. */
  hold(ms: number): void {
    this.heldUntil = Math.max(this.heldUntil, Date.now() + Math.min(ms, MAX_HOLD_MS));
    if (this.limit !== Infinity) this.tokens = Math.min(this.tokens, 0);
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.drain();
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
    // A request whose operation has run out of time goes now: its own timeout ends it.
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (this.queue[i].deadline <= now) this.queue.splice(i, 1)[0].go();
    }
    const needed = this.limit >= 2 && this.limit !== Infinity ? 2 : 1;
    while (this.queue.length > 0 && now >= this.heldUntil && this.tokens >= needed) {
      const index = Math.max(
        0,
        this.queue.findIndex((waiting) => waiting.write),
      );
      const [next] = this.queue.splice(index, 1);
      if (this.limit !== Infinity) this.tokens -= 1;
      next.go();
    }
    if (this.queue.length === 0) return;
    const untilToken = this.limit === Infinity ? 0 : ((needed - this.tokens) / this.limit) * 1000;
    const untilDeadline = Math.min(...this.queue.map((w) => w.deadline)) - now;
    const wait = Math.min(Math.max(this.heldUntil - now, untilToken, 1), untilDeadline, MAX_HOLD_MS);
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.drain();
      },
      Math.max(1, wait),
    );
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
