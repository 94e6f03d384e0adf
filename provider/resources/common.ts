import { isNotFound, isTransient } from "../client/errors";
import { waitFor, WaitTimeoutError } from "../wait";
import { ProviderContext } from "./context";

// Steps both resources take the same way.

/** The GET's result, or undefined when the API answers 404. */
export async function unlessNotFound<T>(get: () => Promise<T>): Promise<T | undefined> {
  try {
    return await get();
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** ": <code>: <message>" when the API reports an error on the object, else "". */
export function statusError(status: { error_code?: string | null; error_message?: string | null }): string {
  return status.error_message ? `: ${status.error_code ?? "error"}: ${status.error_message}` : "";
}

/** Polls until the GET answers 404. */
export async function waitGone(
  context: ProviderContext,
  what: string,
  deadline: number,
  get: () => Promise<{ status: { phase: string } }>,
) {
  try {
    await waitFor({
      description: what,
      poll: async () => (await unlessNotFound(get))?.status.phase ?? "GONE",
      judge: (phase) => (phase === "GONE" ? "done" : "wait"),
      phaseOf: (phase) => phase,
      timeoutMs: Math.max(1000, deadline - Date.now()),
      schedule: context.poll,
      isTransient,
      onProgress: (m) => context.info(m),
    });
  } catch (err) {
    if (err instanceof WaitTimeoutError)
      throw new Error(`${err.message}; raise deleteTimeoutSeconds if it is still deprovisioning`);
    throw err;
  }
}

export function withoutProvider<T extends object>(value: T): T {
  const copy = { ...value } as Record<string, unknown>;
  delete copy.__provider;
  return copy as T;
}
