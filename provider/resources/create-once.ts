import { ApiError } from "../client/errors";
import { NetworkingClient } from "../client/networking";
import { quotedName } from "../client/redaction";
import { objectsBeforeCreate, objectsInSlot, postObject } from "./object-calls";
import { sleep } from "./provider-context";
import { BaseInputs, ResourceKind, WireObject } from "./resource-kind";

// A POST whose outcome is unknown is tried again at most this often, waiting 1, 2, 3, then 4 s
// between tries (22 s in all): at 30% random 5xx, five failures in a row came once in a few hundred
// creates; eight come once in about 15,000.
const ATTEMPTS = 8;
const MAX_BACKOFF_STEPS = 4;

/**
 * Creates an object exactly once, and never takes another's for ours. The objects already in the slot
 * are noted before the first POST (objectsBeforeCreate); when a POST's outcome is unknown (lost
 * response, 5xx after commit), only an object that appeared since, with our display name, can be the
 * one we made. An object that was there before is another stack's or a person's: a conflict, never
 * adopted silently.
 */
export async function createOnce<I extends BaseInputs, W extends WireObject>(
  kind: ResourceKind<I, W>,
  client: NetworkingClient,
  inputs: I,
  retryDelayMs = 1000,
): Promise<W> {
  const before = new Set((await objectsBeforeCreate(kind, client, inputs)).map((object) => object.id));
  const ours = async () =>
    (await objectsInSlot(kind, client, inputs)).find(
      (o) =>
        !before.has(o.id) && o.spec.display_name === inputs.displayName && !kind.isTerminal(o.status.phase),
    );
  let outcomeUnknown = false;
  for (let attempt = 1; ; attempt++) {
    try {
      return await postObject(kind, client, inputs);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      // The one-service-per-network rule answers 402 quota_exceeded: an existing object, like a 409.
      const conflict = err.status === 409 || err.status === 402;
      if (!conflict && !err.outcomeUnknown) throw err;
      if (err.outcomeUnknown || outcomeUnknown) {
        const found = await ours();
        if (found) return found;
      }
      if (conflict) throw await slotTakenError(kind, client, inputs, err);
      outcomeUnknown = true;
      if (attempt >= ATTEMPTS) throw err;
      await sleep(retryDelayMs * Math.min(attempt, MAX_BACKOFF_STEPS));
    }
  }
}

async function slotTakenError<I extends BaseInputs, W extends WireObject>(
  kind: ResourceKind<I, W>,
  client: NetworkingClient,
  inputs: I,
  err: ApiError,
): Promise<Error> {
  const existing = (await objectsInSlot(kind, client, inputs))[0];
  if (!existing) return err;
  const what = kind.isTerminal(existing.status.phase)
    ? ` It is ${existing.status.phase}: delete it (it cannot recover) and run \`pulumi up\` again.`
    : ` If an interrupted \`pulumi up\` of this stack made it (a pending create you cleared), or to manage it here, ` +
      `set adoptExistingId: "${existing.id}" on this resource${kind.slotAlternative ?? ""}; otherwise remove it where it was made.`;
  return new Error(
    `${kind.slotTaken(existing, inputs)}, and this stack has no record of it.${what} (${err.message})`,
  );
}

/** `<id> ('<name>')`, or the ID alone when the name is not short enough to quote. */
export function nameOf(object: WireObject): string {
  const name = quotedName(object.spec.display_name ?? "");
  return name ? `${object.id} (${name})` : object.id;
}
