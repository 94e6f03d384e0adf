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
