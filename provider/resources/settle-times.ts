import type { LearnedDuration } from "../wait";

/**
 * How long the creates of one kind took to become READY in this process (one `pulumi up`): the waits
 * that start later poll sparsely before that time and closely around it (wait.ts, nextDelay).
 */
const durations = new Map<string, LearnedDuration>();

/** Records the time from a create's POST to READY seen, for its API endpoint and kind. */
export function noteSettled(key: string, ms: number): void {
  const known = durations.get(key);
  durations.set(key, {
    shortestMs: Math.min(known?.shortestMs ?? Infinity, ms),
    longestMs: Math.max(known?.longestMs ?? 0, ms),
  });
}

/** What the creates of the kind took so far; undefined until one has become READY. */
export function learnedDuration(key: string): LearnedDuration | undefined {
  return durations.get(key);
}

/**
 * What a wait of `collection` on the API at `api` takes as its guess: its own collection's times, or,
 * before any of them has settled here, another collection's on the same API (the endpoints of a link
 * wait right after its services, provisioned by the same backend). A wrong guess costs at most the
 * longest poll gap of overshoot or a few polls, never a timeout: a wait still looks before its
 * deadline, and past 110 % of the guess it polls on its usual schedule.
 */
export function expectedDuration(api: string, collection: string): LearnedDuration | undefined {
  const own = durations.get(`${api} ${collection}`);
  if (own) return own;
  for (const [key, times] of durations) if (key.startsWith(`${api} `)) return times;
  return undefined;
}
