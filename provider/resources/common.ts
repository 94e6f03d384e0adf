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

/**
 * Names a created or adopted object in the engine output at once: if the update is interrupted, that
 * ID is what `pulumi refresh --import-pending-creates` or `adoptExistingId` needs.
 */
export function announce(
  context: ProviderContext,
  kind: "service" | "endpoint",
  id: string,
  inputs: { adoptExistingId?: string; network: { id: string } },
): void {
  const how = inputs.adoptExistingId ? "adopted" : "created";
  context.info(`network link ${kind} ${id} ${how} in network ${inputs.network.id}`);
}

/** Refresh: the object as the API has it now, or nothing when it is gone (the engine drops it). */
export async function readOrGone<W, O>(
  kind: "service" | "endpoint",
  id: string,
  environment: string | undefined,
  get: (environment: string) => Promise<W>,
  outputs: (object: W) => O,
): Promise<{ id?: string; props?: O }> {
  if (!environment) {
    throw new Error(
      `reading network link ${kind} ${id}: its environment is unknown; set adoptExistingId to bring it under this stack`,
    );
  }
  const object = await unlessNotFound(() => get(environment));
  return object ? { id, props: outputs(object) } : {};
}

/** Which of the fields both kinds update in place differ between the state and the inputs. */
export function changedNameOrDescription(
  olds: { displayName?: string; description?: string },
  news: { displayName: string; description?: string },
): ("displayName" | "description")[] {
  const changed: ("displayName" | "description")[] = [];
  if (olds.displayName !== news.displayName) changed.push("displayName");
  // An unset description leaves the current one alone, as in the Terraform provider.
  if (news.description !== undefined && (olds.description ?? "") !== news.description)
    changed.push("description");
  return changed;
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
