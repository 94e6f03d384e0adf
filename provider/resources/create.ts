import { ApiError } from "../client/errors";
import { sleep } from "./context";

export interface CreateOnceOptions<T> {
  /** Sends the POST. */
  post: () => Promise<T>;
  /** Looks for the object an earlier POST of ours may have made (lost response, 5xx after commit). */
  findOurs: () => Promise<T | undefined>;
  /** Builds the error for a 409 (or per-network quota) about an object this stack did not make. */
  conflict: (err: ApiError) => Promise<Error>;
  attempts?: number;
  retryDelayMs?: number;
}

/**
 * Creates an object exactly once. When a POST's outcome is unknown, the object we may have made is
 * looked up before any new POST, so a lost response never leaves a duplicate behind.
 */
export async function createOnce<T>(options: CreateOnceOptions<T>): Promise<T> {
  const attempts = options.attempts ?? 5;
  let outcomeUnknown = false;
  for (let attempt = 1; ; attempt++) {
    try {
      return await options.post();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      // The one-service-per-network rule answers 402 quota_exceeded: an existing object, like a 409.
      const conflict = err.status === 409 || err.status === 402;
      if (conflict || err.outcomeUnknown) {
        // A 409 right after an unknown outcome is most likely our own earlier POST.
        if (!conflict || outcomeUnknown) {
          const ours = await options.findOurs();
          if (ours !== undefined) return ours;
        }
        if (conflict) throw await options.conflict(err);
        outcomeUnknown = true;
        if (attempt < attempts) {
          await sleep((options.retryDelayMs ?? 1000) * attempt);
          continue;
        }
      }
      throw err;
    }
  }
}
