/** Fault injection for tests and benchmarks: rate limiting, injected errors, latency, broken sockets. */

export interface ErrorFault {
  /** Fail this many matching requests, then stop (unlimited when absent). */
  count?: number;
  /** Probability that a matching request fails (always when absent). */
  fraction?: number;
  /** HTTP status of the injected error (default 503). */
  status?: number;
  /** Only requests with these methods fail (all when absent). */
  methods?: string[];
}

/** What befalls one create (see FaultSettings.createFaults). */
export interface CreateFault {
  /** The new object goes straight to this phase and stays there (like the admin phase override), e.g. "FAILED". */
  phase?: string;
  /**
   * What becomes of the create's answer, the create being committed in every case: "drop" destroys the
   * socket unanswered; "gateway-error" answers 502 with a gateway's body; "hang" holds the answer for
   * `hangMs` (past the client's timeout); "message-body" answers 202 with `{"message":"accepted"}`;
   * "no-status-body" answers 202 with the object less its `status`. Absent: answered as usual.
   */
  answer?: "drop" | "gateway-error" | "hang" | "message-body" | "no-status-body";
  hangMs?: number;
}

export interface FaultSettings {
  rateLimit?: { requestsPerSecond: number } | null;
  errors?: ErrorFault | null;
  latencyMs?: number;
  /** Commit this many creates, then destroy the socket instead of answering. */
  dropCreateResponses?: number;
  /** Destroy the socket of this many requests before doing anything. */
  resetConnections?: number;
  /** One entry for each of the next creates, in order (applied after dropCreateResponses runs out). */
  createFaults?: CreateFault[];
  /** Lists leave out objects created less than this many ms ago (eventual consistency). */
  listLagMs?: number;
  /** Faults hit only the requests made with this API key; others (a competitor's) pass untouched. */
  onlyKey?: string | null;
  /** The server's clock runs this far ahead of the host's (behind when negative): timestamps, phases, Date. */
  clockSkewMs?: number;
}

export interface RateState {
  allowed: boolean;
  headers: Record<string, string>;
  retryAfter: number;
}

/** Header values when no rate limit is configured: nothing is ever throttled. */
const UNLIMITED = 1_000_000;

/** A token bucket refilled continuously at `requestsPerSecond`, holding at most one second's worth. */
class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly rate: number,
    now: number,
  ) {
    this.tokens = rate;
    this.last = now;
  }

  take(now: number): RateState {
    this.tokens = Math.min(this.rate, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    const allowed = this.tokens >= 1;
    if (allowed) this.tokens -= 1;
    const retryAfter = Math.max(1, Math.ceil((1 - this.tokens) / this.rate));
    const resetSeconds = Math.ceil((this.rate - this.tokens) / this.rate);
    return {
      allowed,
      retryAfter,
      headers: {
        "x-ratelimit-limit": String(this.rate),
        "x-ratelimit-remaining": String(Math.max(0, Math.floor(this.tokens))),
        "x-ratelimit-reset": String(allowed ? resetSeconds : retryAfter),
      },
    };
  }
}

export class Faults {
  private bucket?: TokenBucket;
  private errors?: ErrorFault & { remaining?: number };
  latencyMs = 0;
  private dropCreates = 0;
  private resets = 0;
  private createFaults: CreateFault[] = [];
  listLagMs = 0;
  private onlyKey?: string;
  clockSkewMs = 0;

  constructor(private readonly initialRateLimit?: { requestsPerSecond: number }) {
    this.clear();
  }

  set(settings: FaultSettings, now = Date.now()): void {
    if (settings.rateLimit !== undefined) {
      this.bucket = settings.rateLimit
        ? new TokenBucket(settings.rateLimit.requestsPerSecond, now)
        : undefined;
    }
    if (settings.errors !== undefined) {
      this.errors = settings.errors ? { ...settings.errors, remaining: settings.errors.count } : undefined;
    }
    if (settings.latencyMs !== undefined) this.latencyMs = settings.latencyMs;
    if (settings.dropCreateResponses !== undefined) this.dropCreates = settings.dropCreateResponses;
    if (settings.resetConnections !== undefined) this.resets = settings.resetConnections;
    if (settings.createFaults !== undefined) this.createFaults = settings.createFaults.map((f) => ({ ...f }));
    if (settings.listLagMs !== undefined) this.listLagMs = settings.listLagMs;
    if (settings.onlyKey !== undefined) this.onlyKey = settings.onlyKey ?? undefined;
    if (settings.clockSkewMs !== undefined) this.clockSkewMs = settings.clockSkewMs;
  }

  /** Back to the start-up configuration: only the rate limit given at start stays. */
  clear(): void {
    this.bucket = this.initialRateLimit
      ? new TokenBucket(this.initialRateLimit.requestsPerSecond, Date.now())
      : undefined;
    this.errors = undefined;
    this.latencyMs = 0;
    this.dropCreates = 0;
    this.resets = 0;
    this.createFaults = [];
    this.listLagMs = 0;
    this.onlyKey = undefined;
    this.clockSkewMs = 0;
  }

  describe(): FaultSettings {
    return {
      rateLimit: this.bucket ? { requestsPerSecond: this.bucket.rate } : null,
      errors: this.errors ? this.describeErrors(this.errors) : null,
      latencyMs: this.latencyMs,
      dropCreateResponses: this.dropCreates,
      resetConnections: this.resets,
      createFaults: this.createFaults.map((f) => ({ ...f })),
      listLagMs: this.listLagMs,
      onlyKey: this.onlyKey ?? null,
      clockSkewMs: this.clockSkewMs,
    };
  }

  private describeErrors({
    remaining,
    fraction,
    status,
    methods,
  }: ErrorFault & { remaining?: number }): ErrorFault {
    const out: ErrorFault = {};
    if (remaining !== undefined) out.count = remaining;
    if (fraction !== undefined) out.fraction = fraction;
    if (status !== undefined) out.status = status;
    if (methods !== undefined) out.methods = [...methods];
    return out;
  }

  rate(now: number): RateState {
    if (this.bucket) return this.bucket.take(now);
    const n = String(UNLIMITED);
    return {
      allowed: true,
      retryAfter: 1,
      headers: { "x-ratelimit-limit": n, "x-ratelimit-remaining": n, "x-ratelimit-reset": "0" },
    };
  }

  takeReset(): boolean {
    if (this.resets <= 0) return false;
    this.resets -= 1;
    return true;
  }

  takeDropCreate(): boolean {
    if (this.dropCreates <= 0) return false;
    this.dropCreates -= 1;
    return true;
  }

  /** What befalls the next create, if anything (dropCreateResponses is checked apart). */
  takeCreateFault(): CreateFault | undefined {
    return this.createFaults.shift();
  }

  /** Whether faults apply to a request with this Authorization header (onlyKey: only that Basic user's). */
  appliesTo(authorization: string | undefined): boolean {
    if (this.onlyKey === undefined) return true;
    const match = /^basic +(\S+)/i.exec(authorization ?? "");
    const user = match ? Buffer.from(match[1], "base64").toString("utf8").split(":")[0] : undefined;
    return user === this.onlyKey;
  }

  /** The status to fail this request with, or undefined to let it through. */
  injectedError(method: string): number | undefined {
    const fault = this.errors;
    if (!fault) return undefined;
    if (fault.methods && !fault.methods.includes(method)) return undefined;
    if (fault.remaining !== undefined && fault.remaining <= 0) return undefined;
    if (fault.fraction !== undefined && Math.random() >= fault.fraction) return undefined;
    if (fault.remaining !== undefined) fault.remaining -= 1;
    return fault.status ?? 503;
  }
}

export interface CounterSnapshot {
  total: number;
  reads: number;
  writes: number;
  byRoute: Record<string, number>;
}

/** Requests that reached the networking API (the admin API is not counted). */
export class Counters {
  private snapshot: CounterSnapshot = { total: 0, reads: 0, writes: 0, byRoute: {} };

  count(method: string, route: string): void {
    const s = this.snapshot;
    s.total += 1;
    if (method === "GET" || method === "HEAD") s.reads += 1;
    else s.writes += 1;
    const key = `${method} ${route}`;
    s.byRoute[key] = (s.byRoute[key] ?? 0) + 1;
  }

  get(): CounterSnapshot {
    return { ...this.snapshot, byRoute: { ...this.snapshot.byRoute } };
  }

  reset(): void {
    this.snapshot = { total: 0, reads: 0, writes: 0, byRoute: {} };
  }
}
