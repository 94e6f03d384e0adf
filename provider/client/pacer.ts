/**
 * Paces the requests of one API identity in this process to the rate limit the API advertises.
 *
 * All of a stack's resources run in one provider process, so they share the API key's limit. The
 * pacer sends one request alone until an answer tells the limit, learns it from `X-RateLimit-Limit` /
 * `X-RateLimit-Remaining` (and, when nothing remains, waits for `X-RateLimit-Reset`), lets requests go
 * at that rate (most urgent first, see Urgency: a poll can wait, a create on the critical path
 * should not), and after a 429 holds everything until its Retry-After has passed,
 * so that throttled requests do not all come back at the same instant.
 *
 * One request of the budget is kept unspent while the limit allows two or more: the one that empties
 * it gets `Remaining: 0` and a Reset to wait for (a full second of a token bucket's refill, where one
 * token takes 1/limit s), so spending it would trade a steady flow for bursts and one-second stalls.
 * Against a fixed window nothing is lost: the kept request goes once the pacer's own refill allows.
 *
 * The budget may be shared with other processes (other stacks, CI jobs) using the same key, which
 * show only in the headers: while the server's last word is that less than half of it remains, and
 * others are seen to spend it (less of the refill reaches us than the limit, or less remains than our
 * own requests account for), a poll (the one kind of request that loses nothing by going later) waits
 * until our estimate of the budget is back above half, so the writes and necessary reads of every
 * process find it unspent.
 * Such processes also refill the same budget: each answer sets our estimate to what the server says
 * remains (less our requests still in flight), and between answers we credit ourselves only the
 * refill the server's answers showed reaching us (see `share`), never the full rate N times over.
 * After a hold (a 429, or nothing remaining) one request goes alone at the reset and its answer,
 * not a refill counted during the hold, tells how much the others may take.
 *
 * Header values are the server's word, not ours: a value that is not a plain number is absent, a
 * limit below one request per second is not believed, a remaining count is read within [0, limit],
 * a reset or hold beyond MAX_HOLD_MS is cut to it, and no request waits past its own bound (the
 * client's budget for the request or its operation's deadline, whichever comes first).
 */
export const MAX_HOLD_MS = 60_000;

/**
 * Until the first answer says what the limit is, one request goes alone; the others wait for that
 * answer at most this long. Sending them all blind would spend the whole budget at once and stall on
 * the Reset (a second of a token bucket's refill) where a steady flow loses nothing.
 */
export const FIRST_ANSWER_WAIT_MS = 2_000;

/** The shortest span (ms) over which two answers' remaining counts measure the refill that reaches us. */
export const SHARE_WINDOW_MS = 1_000;

/** The least share of the refill we credit ourselves (others may be measured to take it all). */
export const MIN_SHARE = 1 / 8;

/** A request with no answer after this long (a dropped connection) no longer counts as in flight. */
const IN_FLIGHT_FORGET_MS = 10_000;

/**
 * Which request goes first when several wait: a request that starts what others wait for (a
 * service's create, whose endpoints wait its whole provisioning time after it; a check's read, which
 * holds up the engine's checks, and so the creates, of every later resource); then a request whose
 * answer releases other creates (a service's READY lets its endpoints start: seen late, the writes run
 * out while the next batch still waits); then a write; then a read that a create or an update waits
 * for; then a poll of a wait that only tells when to stop waiting, which can take a spare turn.
 */
export type Urgency = "start" | "release" | "write" | "read" | "poll";
const RANK: Record<Urgency, number> = { start: 0, release: 1, write: 2, read: 3, poll: 4 };

/** The more urgent of two. */
export function moreUrgent(a: Urgency, b: Urgency): Urgency {
  return RANK[a] <= RANK[b] ? a : b;
}

interface Waiting {
  /** Read when a turn comes: a queued list can be joined by a more urgent caller. */
  urgency: () => Urgency;
  /** When the request stops waiting for a turn (epoch ms). */
  until: number;
  go: () => void;
}

/**
 * A header's number, or undefined when it is absent, empty or not a plain decimal number (`NaN`,
 * `Infinity`, `0x10`, an HTTP date): `Number("")` is 0, which would read as "nothing remains".
 */
export function headerNumber(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(value)) return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

export class Pacer {
  private limit = Infinity;
  private tokens = Infinity;
  private refilledAt = Date.now();
  private heldUntil = 0;
  private readonly queue: Waiting[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** Whether any answer has come back (so the limit is known, or the API sets none). */
  private heard = false;
  /** When the first request left, while no answer has come back. */
  private firstSentAt: number | undefined;
  /**
   * Whether the server's last word (or a 429) was that less than half of the budget remains while
   * others spend it too: a budget we alone spent down gives polls no one to yield to.
   */
  private saidLow = false;
  /** Requests per second of refill that reach this process: the limit less what others take. */
  private share = Infinity;
  /** Where the current measurement of `share` started: the server's count then, and our answers so far. */
  private anchor: { remaining: number; at: number; answers: number } | undefined;
  private answers = 0;
  /** When each request we let go and still have no answer for left (oldest first). */
  private readonly inFlight: number[] = [];

  /**
   * Resolves when a request may start, and at the latest at `until` (epoch ms): the caller then sends
   * it anyway, or fails it when its operation has run out of time.
   */
  acquire(urgency: Urgency | (() => Urgency), until = Infinity): Promise<void> {
    const rank = typeof urgency === "function" ? urgency : () => urgency;
    return new Promise((go) => {
      this.queue.push({ urgency: rank, until, go });
      // Planned anew: this one may need fewer tokens than those the timer waits for.
      this.wake();
    });
  }

  /** A request came back, with or without rate-limit headers (or failed): the first answer is in. */
  answered(): void {
    if (this.heard) return;
    this.heard = true;
    this.wake();
  }

  /** What a response said about the limit. */
  observe(
    limitHeader: string | undefined,
    remainingHeader: string | undefined,
    resetHeader?: string | undefined,
  ): void {
    this.inFlight.shift();
    const limit = headerNumber(limitHeader);
    const said = headerNumber(remainingHeader);
    if (limit === undefined || limit < 1 || said === undefined) return this.answered();
    // A negative count would stall every request until its bound; more than the limit means nothing.
    const remaining = Math.min(limit, Math.max(0, said));
    const first = !this.heard;
    this.heard = true;
    this.refill();
    if (this.limit !== limit) this.share = limit;
    this.limit = limit;
    this.answers += 1;
    this.measureShare(remaining);
    // Others spend it too: the refill reaching us was measured short of the limit by more than a
    // request a second, or the server says less remains than our own requests account for (one
    // request of slack; before the first answer nothing is accounted for, so others are assumed).
    const othersSpend = this.share < limit - 1 || !(remaining >= this.tokens + this.pending() - 1);
    // The server's word, less the requests still in flight (taken here, perhaps not yet there).
    this.tokens = remaining - this.pending();
    this.saidLow = othersSpend && remaining < Math.ceil(limit / 2);
    const reset = headerNumber(resetHeader);
    // The reset is in seconds from now; with nothing left, nothing should start before it.
    if (remaining < 1 && reset !== undefined && reset > 0) this.hold(reset * 1000);
    else if (first) this.wake();
  }

  /** A 429 (or an exhausted budget): nothing starts before `ms` from now. */
  hold(ms: number): void {
    if (!(ms > 0)) return;
    this.heldUntil = Math.max(this.heldUntil, Date.now() + Math.min(ms, MAX_HOLD_MS));
    if (this.limit !== Infinity) this.tokens = Math.min(this.tokens, 0);
    this.refilledAt = Math.max(this.refilledAt, this.heldUntil);
    // Nothing is credited for the hold: at its end one request goes alone and its answer tells the rest
    // (a hold shorter than one request's refill says no more than the refill does).
    if (this.limit === Infinity || ms >= 1000 / this.limit) {
      this.heard = false;
      this.firstSentAt = undefined;
    }
    this.saidLow = true;
    this.wake();
  }

  /** Plans the queue anew now (the timer was set for what was known before). */
  private wake(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.drain();
  }

  /** Whether the first request is out and its answer not yet back (for at most FIRST_ANSWER_WAIT_MS). */
  private awaitingAnswer(now: number): boolean {
    return !this.heard && this.firstSentAt !== undefined && now - this.firstSentAt < FIRST_ANSWER_WAIT_MS;
  }

  /**
   * Tokens a request needs to start: one for itself and, while the limit allows two or more, one kept
   * (see above). A poll that only takes a spare turn keeps one more where the limit allows four or more,
   * so that a write coming right after it starts at once instead of waiting for the refill; while the
   * server says little remains, it waits for more than half of the budget (see above).
   */
  private needed(urgency: Urgency): number {
    if (this.limit === Infinity || this.limit < 2) return 1;
    if (urgency !== "poll" || this.limit < 4) return 2;
    return this.saidLow ? Math.max(3, Math.ceil(this.limit / 2) + 1) : 3;
  }

  /** The index of the first waiting request of the highest urgency. */
  private mostUrgent(): number {
    let best = 0;
    let bestRank = Infinity;
    this.queue.forEach((waiting, index) => {
      const rank = RANK[waiting.urgency()];
      if (rank < bestRank) [best, bestRank] = [index, rank];
    });
    return best;
  }

  private refill(): void {
    const now = Date.now();
    if (now <= this.refilledAt) return;
    if (this.limit !== Infinity) {
      this.tokens = Math.min(this.limit, this.tokens + ((now - this.refilledAt) / 1000) * this.share);
    }
    this.refilledAt = now;
  }

  /** Our requests let go whose answers have not come (those long silent are forgotten). */
  private pending(): number {
    const now = Date.now();
    while (this.inFlight.length > 0 && now - this.inFlight[0] > IN_FLIGHT_FORGET_MS) this.inFlight.shift();
    return this.inFlight.length;
  }

  /**
   * The refill that reached us since the anchor: the server's count now, less its count then, plus
   * what we took meanwhile (one per answer). Others spending the same budget make it less than the
   * limit. A count near full tells nothing (the bucket may have capped the refill): only re-anchored.
   */
  private measureShare(remaining: number): void {
    const now = Date.now();
    const anchor = this.anchor;
    if (anchor && remaining < this.limit - 1) {
      if (now - anchor.at < SHARE_WINDOW_MS) return;
      const reached =
        (remaining - anchor.remaining + this.answers - anchor.answers) / ((now - anchor.at) / 1000);
      const measured = Math.min(this.limit, Math.max(this.limit * MIN_SHARE, reached));
      // Halfway to the new measurement: one window's count is off by up to one request.
      this.share = (this.share + measured) / 2;
    }
    this.anchor = { remaining, at: now, answers: this.answers };
  }

  private drain(): void {
    if (this.timer) return;
    this.refill();
    const now = Date.now();
    // A request whose bound has come stops waiting: the client sends it, or fails it past its deadline.
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (this.queue[i].until <= now) this.queue.splice(i, 1)[0].go();
    }
    while (this.queue.length > 0 && now >= this.heldUntil && !this.awaitingAnswer(now)) {
      const index = this.mostUrgent();
      // After a hold, the first request goes at its end whatever our count: the server's answer corrects it.
      const probe = !this.heard && this.firstSentAt === undefined;
      if (!probe && this.tokens < this.needed(this.queue[index].urgency())) break;
      const [next] = this.queue.splice(index, 1);
      if (this.limit !== Infinity) this.tokens -= 1;
      if (!this.heard) this.firstSentAt ??= now;
      this.inFlight.push(now);
      next.go();
    }
    if (this.queue.length === 0) return;
    const first = this.queue[this.mostUrgent()];
    const untilToken =
      this.limit === Infinity ? 0 : ((this.needed(first.urgency()) - this.tokens) / this.share) * 1000;
    const untilAnswer = this.awaitingAnswer(now) ? (this.firstSentAt ?? now) + FIRST_ANSWER_WAIT_MS - now : 0;
    const untilBound = Math.min(...this.queue.map((w) => w.until)) - now;
    const wait = Math.min(
      Math.max(this.heldUntil - now, untilToken, untilAnswer, 1),
      untilBound,
      MAX_HOLD_MS,
    );
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
