// Create exactly once: a POST whose outcome is unknown is recovered by listing, never duplicated.
import { ApiError } from "../client/errors";
import { NetworkingClient, UnreadableCreateAnswer } from "../client/networking";
import { quotedName } from "../client/redaction";
import { ServerClock } from "../client/server-clock";
import { initErrorProperties, ResourceInitError } from "./init-error";
import { objectsBeforeCreate, objectsInSlot, postObject, readObject } from "./object-calls";
import { sleep } from "./provider-context";
import { BaseInputs, LifecycleSpec, WireObject } from "./lifecycle-spec";

// A POST whose outcome is unknown is tried again at most this often, waiting 1, 2, 3, then 4 s
// between tries (22 s in all): at 30% random 5xx, five failures in a row came once in a few hundred
// creates; eight come once in about 15,000.
const ATTEMPTS = 8;
const MAX_BACKOFF_STEPS = 4;
/**
 * How well the server's clock must be known to call an object made in our POST's flight ours: another
 * stack's identical create nearer than this to our flight would be taken for ours. Probes narrow the
 * clock to about two round trips, so this also bounds the round trips that allow recovery (~50 ms);
 * beyond, the object is named for adoption instead.
 */
const CLOCK_PRECISION_MS = 100;
/** Requests spent on learning the server's clock, each at most a second apart (htpdate-style). */
const MAX_CLOCK_PROBES = 10;

export interface CreateTiming {
  /** First delay before a POST is sent again; it grows to 4 times that. Default 1000 ms. */
  retryDelayMs?: number;
  /** How long to keep trying to list the slot after an unknown outcome. Default 60 000 ms. */
  recoveryPatienceMs?: number;
  /** How long a new object may be missing from lists (assumed). Default 5000 ms. */
  listLagMs?: number;
}

/** One of our POSTs that may have made an object: sent and answered (or failed) at these local times. */
interface Flight {
  sent: number;
  ended: number;
}

type Ctx<I extends BaseInputs, W extends WireObject> = {
  spec: LifecycleSpec<I, W>;
  client: NetworkingClient;
  inputs: I;
  timing: Required<CreateTiming>;
};

/**
 * Creates an object exactly once, and never takes another's for ours. The API has no idempotency key,
 * so when a POST's outcome is unknown (a lost answer, a 5xx, a reset) the slot is listed, and an
 * object there is ours only when it carries what we sent and its `created_at` falls while one of our
 * unknown POSTs was in flight (the server's clock related to ours through its Date headers). One made
 * before our first POST, or between our tries (another stack of the same program), is not ours; one
 * that cannot be told apart fails the create naming it and how to adopt it. A new object may be
 * missing from lists for `listLagMs`: nothing is concluded from its absence before that.
 */
export async function createOnce<I extends BaseInputs, W extends WireObject>(
  spec: LifecycleSpec<I, W>,
  client: NetworkingClient,
  inputs: I,
  timing: CreateTiming = {},
): Promise<W> {
  const c: Ctx<I, W> = {
    spec,
    client,
    inputs,
    timing: {
      retryDelayMs: timing.retryDelayMs ?? 1000,
      recoveryPatienceMs: timing.recoveryPatienceMs ?? 60_000,
      listLagMs: timing.listLagMs ?? 5000,
    },
  };
  const before = new Set((await objectsBeforeCreate(spec, client, inputs)).map((object) => object.id));
  const flights: Flight[] = [];
  for (let attempt = 1; ; attempt++) {
    let sent = Date.now();
    try {
      return await postObject(spec, client, inputs, () => (sent = Date.now()));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const ended = Date.now();
      if (err.outcomeUnknown) flights.push({ sent, ended });
      const madeForSure = err instanceof UnreadableCreateAnswer;
      if (madeForSure && err.createdId) return readMade(c, err.createdId, err);
      if (flights.length > 0) {
        const ours = await recover(c, before, flights, err);
        if (ours) return ours;
      }
      if (madeForSure) throw lostTrack(c, err, "no list shows it yet");
      // The one-service-per-network rule answers 402 quota_exceeded: an existing object, like a 409.
      if (err.status === 409 || err.status === 402) throw await slotTakenError(c, err);
      if (!err.outcomeUnknown || attempt >= ATTEMPTS) throw err;
      const backoff = c.timing.retryDelayMs * Math.min(attempt, MAX_BACKOFF_STEPS);
      await sleep(Math.max(0, backoff - (Date.now() - ended)));
    }
  }
}

/**
 * After an unknown outcome: ours if the slot holds it, undefined if it surely does not (nothing of
 * ours listed once `listLagMs` has passed since the last unknown POST). Throws when an object there
 * may be ours but cannot be shown to be, naming it.
 */
async function recover<I extends BaseInputs, W extends WireObject>(
  c: Ctx<I, W>,
  before: Set<string>,
  flights: Flight[],
  err: ApiError,
): Promise<W | undefined> {
  const settledAt = flights[flights.length - 1].ended + c.timing.listLagMs;
  for (;;) {
    const listedAt = Date.now();
    const candidates = (await listPatiently(c, err)).filter(
      (o) => !before.has(o.id) && carriesWhatWeSent(c, o),
    );
    const verdicts = await judge(c, candidates, flights, err);
    const ours = verdicts.filter((v) => v.verdict === "ours");
    const unsure = verdicts.filter((v) => v.verdict === "unsure");
    if (ours.length === 1 && unsure.length === 0) {
      c.client.noteOurs(c.spec.collection, ours[0].object.id);
      return ours[0].object;
    }
    if (ours.length + unsure.length > 0) {
      throw unprovenError(
        c,
        [...ours, ...unsure].map((v) => v.object),
        err,
      );
    }
    if (listedAt >= settledAt) return undefined;
    await sleep(settledAt - Date.now());
  }
}

type Verdict = "ours" | "others" | "unsure";

/** Each candidate's verdict, learning the server's clock better while that would settle one. */
async function judge<I extends BaseInputs, W extends WireObject>(
  c: Ctx<I, W>,
  candidates: W[],
  flights: Flight[],
  err: ApiError,
): Promise<{ object: W; verdict: Verdict }[]> {
  const clock = c.client.clock;
  for (let probe = 0; ; probe++) {
    const verdicts = candidates.map((object) => ({ object, verdict: verdictOf(clock, object, flights) }));
    const clockWouldHelp =
      clock.width > CLOCK_PRECISION_MS && verdicts.some((v) => v.verdict === "unsure" && createdAt(v.object));
    if (!clockWouldHelp || probe >= MAX_CLOCK_PROBES) return verdicts;
    await sleep(Math.max(0, clock.probeAt(Date.now()) - Date.now()));
    await listPatiently(c, err);
  }
}

/**
 * Ours: made while one of our unknown POSTs was in flight, as far as the server's clock is known.
 * Others': made outside every such flight. Unsure: no creation time, or a clock too vague to tell.
 */
export function verdictOf(clock: ServerClock, object: WireObject, flights: Flight[]): Verdict {
  const at = createdAt(object);
  if (at === undefined) return "unsure";
  const [from, to] = clock.localTimes(at);
  const inFlight = flights.some((f) => from <= f.ended && to >= f.sent);
  if (!inFlight) return "others";
  return clock.width <= CLOCK_PRECISION_MS ? "ours" : "unsure";
}

function createdAt(object: WireObject): number | undefined {
  const text = object.metadata?.created_at;
  const at = text ? Date.parse(text) : NaN;
  return Number.isNaN(at) ? undefined : at;
}

/** Whether the object has every field our POST sent (the inputs would change nothing on it). */
function carriesWhatWeSent<I extends BaseInputs, W extends WireObject>(c: Ctx<I, W>, object: W): boolean {
  return c.spec.changedFields(c.spec.outputs(c.inputs, object), c.inputs).length === 0;
}

/** The slot's objects, listed now; through 5xx, 403s and lost answers for up to recoveryPatienceMs. */
async function listPatiently<I extends BaseInputs, W extends WireObject>(
  c: Ctx<I, W>,
  err: ApiError,
): Promise<W[]> {
  const giveUpAt = Date.now() + c.timing.recoveryPatienceMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await objectsInSlot(c.spec, c.client, c.inputs);
    } catch (listErr) {
      if (!(listErr instanceof ApiError)) throw listErr;
      const delay = Math.min(5000, c.timing.retryDelayMs * attempt);
      if (Date.now() + delay > giveUpAt) throw lostTrack(c, err, `listing failed: ${listErr.message}`);
      await sleep(delay);
    }
  }
}

/** The object a 2xx answered for, by the ID its mangled body still gave. */
async function readMade<I extends BaseInputs, W extends WireObject>(
  c: Ctx<I, W>,
  id: string,
  err: ApiError,
): Promise<W> {
  c.client.noteOurs(c.spec.collection, id);
  const giveUpAt = Date.now() + c.timing.recoveryPatienceMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await readObject(c.spec, c.client, c.inputs.environment.id, id);
    } catch (readErr) {
      const delay = Math.min(5000, c.timing.retryDelayMs * attempt);
      if (!(readErr instanceof ApiError) || Date.now() + delay > giveUpAt) {
        // It is ours for sure: the state keeps it, and the next `pulumi up` reads it again.
        throw new ResourceInitError(
          `${c.spec.label(c.inputs, id)}: created (${err.message}), but it could not be read: ${(readErr as Error).message}. ` +
            `It is recorded in the state; the next \`pulumi up\` reads it again, and \`pulumi destroy\` deletes it.`,
          id,
          initErrorProperties(c.inputs, { ...c.inputs, phase: "UNKNOWN" }),
        );
      }
      await sleep(delay);
    }
  }
}

function adoptStep(id: string): string {
  return `set adoptExistingId: "${id}" on this resource and run \`pulumi up\` again`;
}

/** An object that may be ours and cannot be shown to be: named, with how to adopt it. */
function unprovenError<I extends BaseInputs, W extends WireObject>(
  c: Ctx<I, W>,
  objects: W[],
  err: ApiError,
): Error {
  const { spec, inputs } = c;
  const names = objects.map(nameOf).join(" and ");
  const which = objects.length === 1 ? "It" : "Any one of them";
  const adopt = objects.map((o) => adoptStep(o.id)).join(", or ");
  return new Error(
    `${spec.label(inputs)}: the outcome of our create is unknown (${err.message}), and ${spec.noun} ${names} ` +
      `appeared in network ${inputs.network.id} with the same settings while it was sent. ${which} may be ours or ` +
      `another stack's made at the same moment (the API has no idempotency key), so it is not taken as ours. ` +
      `If this stack made it, ${adopt}; otherwise delete it where it was made, or leave it to its owner.`,
  );
}

/** The create's outcome is unknown and the slot cannot be read to learn it. */
function lostTrack<I extends BaseInputs, W extends WireObject>(
  c: Ctx<I, W>,
  err: ApiError,
  why: string,
): Error {
  const { spec, inputs } = c;
  const name = quotedName(inputs.displayName);
  return new Error(
    `${spec.label(inputs)}: the outcome of our create is unknown (${err.message}), and it could not be ` +
      `found out (${why}). A ${spec.noun}${name ? ` ${name}` : ""} may exist in network ${inputs.network.id}: ` +
      `list the ${spec.noun}s of environment ${inputs.environment.id}, and if this stack made one, set adoptExistingId to its ID.`,
  );
}

/** The slot is held; names what holds it, listing again while a new holder may not be listed yet. */
async function slotTakenError<I extends BaseInputs, W extends WireObject>(
  c: Ctx<I, W>,
  err: ApiError,
): Promise<Error> {
  const { spec, inputs } = c;
  const settledAt = Date.now() + c.timing.listLagMs;
  let existing: W | undefined;
  for (;;) {
    existing = (await objectsInSlot(spec, c.client, inputs).catch(() => []))[0];
    if (existing || Date.now() >= settledAt) break;
    await sleep(Math.min(settledAt - Date.now(), Math.max(50, c.timing.retryDelayMs)));
  }
  if (!existing) return err;
  const what = spec.isTerminal(existing.status.phase)
    ? ` It is ${existing.status.phase}: delete it (it cannot recover) and run \`pulumi up\` again.`
    : ` If an interrupted \`pulumi up\` of this stack made it (a pending create you cleared), or to manage it here, ` +
      `set adoptExistingId: "${existing.id}" on this resource${spec.slotAlternative ?? ""}; otherwise remove it where it was made.`;
  return new Error(
    `${spec.slotTaken(existing, inputs)}, and this stack has no record of it.${what} (${err.message})`,
  );
}

/** `<id> ('<name>')`, or the ID alone when the name is not short enough to quote. */
export function nameOf(object: WireObject): string {
  const name = quotedName(object.spec.display_name ?? "");
  return name ? `${object.id} (${name})` : object.id;
}
