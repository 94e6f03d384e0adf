/**
 * What this process knows of the API server's clock: server time = local time + offset, with the
 * offset somewhere in [low, high] ms. A create whose outcome is unknown compares an object's
 * `metadata.created_at` (server time) with when our POST was in flight (local time), so the two
 * clocks must be related, and they may differ by minutes.
 *
 * Each answer bounds the offset: its Date header (whole seconds) was written between our send and our
 * receipt; a timestamp the server put on what our own request made (created_at of our POST's answer)
 * bounds it to the round trip. Answers at different fractions of a second narrow the bounds, as
 * htpdate does; `probeAt` says when to ask so that the server's second turns mid-request.
 */
export class ServerClock {
  low = -Infinity;
  high = Infinity;

  /** A Date header of an answer to a request sent at `sent` and received at `received` (local ms). */
  observeDate(date: string | undefined, sent: number, received: number): void {
    const seconds = date ? Date.parse(date) : NaN;
    if (Number.isNaN(seconds)) return;
    this.narrow(seconds - received - SLACK_MS, seconds + 1000 - sent + SLACK_MS);
  }

  /** A server timestamp taken while our request was in flight. */
  observeInstant(serverMs: number, sent: number, received: number): void {
    if (Number.isNaN(serverMs)) return;
    this.narrow(serverMs - received - SLACK_MS, serverMs - sent + SLACK_MS);
  }

  get width(): number {
    return this.high - this.low;
  }

  /** The local times at which the server's clock may have read `serverMs`. */
  localTimes(serverMs: number): [number, number] {
    return [serverMs - this.high, serverMs - this.low];
  }

  /**
   * When (local ms) to send a request so that, were the offset mid-range, the server's clock would
   * turn a second as it answers: whichever second its Date then shows halves the range.
   */
  probeAt(now: number): number {
    const mid = Number.isFinite(this.width) ? (this.low + this.high) / 2 : 0;
    const boundary = Math.ceil((now + mid + 10) / 1000) * 1000;
    return boundary - mid;
  }

  private narrow(low: number, high: number): void {
    if (Math.max(low, this.low) > Math.min(high, this.high)) {
      // The bounds disagree: a clock was set meanwhile. Start again from this answer.
      this.low = low;
      this.high = high;
      return;
    }
    this.low = Math.max(low, this.low);
    this.high = Math.min(high, this.high);
  }
}

// Timers and Date.now() are whole milliseconds; a little room keeps a bound from being off by one.
const SLACK_MS = 2;

const clocks = new Map<string, ServerClock>();

/** The clock of the server behind an API endpoint, shared by every client of this process. */
export function serverClock(endpoint: string): ServerClock {
  let clock = clocks.get(endpoint);
  if (!clock) clocks.set(endpoint, (clock = new ServerClock()));
  return clock;
}
