// How long the operation in progress may still take, for every HTTP call made within it.
import { AsyncLocalStorage } from "node:async_hooks";

// How long the operation in progress (a wait for READY, a delete) may still take. Every HTTP call made
// inside it, with its retries and its turn in the pacer, ends by then, so a hanging poll cannot stretch
// a 5-second wait to the client's whole retry budget.
const deadlines = new AsyncLocalStorage<number>();

/** Runs `fn` with every request inside it bounded by `deadline` (epoch ms), or a tighter one already set. */
export function withDeadline<T>(deadline: number, fn: () => Promise<T>): Promise<T> {
  const outer = deadlines.getStore();
  return deadlines.run(outer === undefined ? deadline : Math.min(outer, deadline), fn);
}

/** The deadline of the operation in progress, if any. */
export function currentDeadline(): number | undefined {
  return deadlines.getStore();
}
