// The waits of the lifecycle: until an object settles after create or update, and until it is gone after delete.
import { withDeadline } from "../client/deadline";
import { ApiError, isConflict, isNotFound, isTransient } from "../client/errors";
import { NetworkingClient } from "../client/networking";
import { LearnedDuration, twiceAsOften, waitFor, WaitFailedError, WaitKin, WaitTimeoutError } from "../wait";
import { initErrorProperties, ResourceInitError } from "./init-error";
import { pollObject, removeObject } from "./object-calls";
import {
  DEFAULT_DELETE_BLOCK_GRACE_MS,
  DEFAULT_DELETE_TIMEOUT_SECONDS,
  DEFAULT_READY_TIMEOUT_SECONDS,
  ProviderContext,
  sleep,
} from "./provider-context";
import { BaseInputs, Outputs, LifecycleSpec, WireObject } from "./lifecycle-spec";

/**
 * How long the creates of one type took to become READY in this process (one `pulumi up`): the waits
 * that start later poll sparsely before that time and closely around it (wait.ts, nextDelay).
 */
const durations = new Map<string, Map<string, LearnedDuration>>();

/** The READY waits of creates running in this process, by API endpoint and collection. */
const kins = new Map<string, WaitKin>();

function kinOf(api: string, collection: string): WaitKin {
  const key = `${api} ${collection}`;
  const kin = kins.get(key) ?? new WaitKin();
  kins.set(key, kin);
  return kin;
}

/**
 * Records the time from a create's POST to READY seen, for its API endpoint and collection; each wait
 * of the collection still running looks when its object is as old (objects created together settle
 * together).
 */
export function noteSettled(api: string, collection: string, ms: number): void {
  const onApi = durations.get(api) ?? new Map<string, LearnedDuration>();
  durations.set(api, onApi);
  const known = onApi.get(collection);
  onApi.set(collection, {
    shortestMs: Math.min(known?.shortestMs ?? Infinity, ms),
    longestMs: Math.max(known?.longestMs ?? 0, ms),
  });
  kinOf(api, collection).wake(ms);
}

/** What the creates of the type took so far; undefined until one has become READY. */
export function learnedDuration(api: string, collection: string): LearnedDuration | undefined {
  return durations.get(api)?.get(collection);
}

/**
 * What a wait of `collection` on the API at `api` takes as its guess: its own collection's times, or,
 * before any of them has settled here, another collection's on the same API (the endpoints of a link
 * wait right after its services, provisioned by the same backend). A wrong guess costs at most the
 * longest poll gap of overshoot or a few polls, never a timeout: a wait still looks before its
 * deadline, and past 110 % of the guess it polls on its usual schedule.
 */
export function expectedDuration(api: string, collection: string): LearnedDuration | undefined {
  const onApi = durations.get(api);
  return onApi?.get(collection) ?? onApi?.values().next().value;
}

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
 * Waits until the object is settled (READY, or what the type accepts); with `learn` (a create), records
 * how long that took for the waits that come later. The object exists: whatever
 * goes wrong from here (a timeout, a failed phase, a 401 after a key rotation, a malformed body) is a
 * ResourceInitError carrying its ID, so the state keeps it and nothing is orphaned.
 */
export async function settle<I extends BaseInputs, W extends WireObject>(
  spec: LifecycleSpec<I, W>,
  context: ProviderContext,
  client: NetworkingClient,
  inputs: I & { __provider?: unknown },
  initial: W,
  { learn = false }: { learn?: boolean } = {},
): Promise<W> {
  const label = spec.label(inputs, initial.id);
  let last = initial;
  const started = Date.now();
  try {
    const settled = await waitFor({
      description: `${label} to become READY`,
      initial,
      poll: async () => (last = await pollObject(spec, client, inputs.environment.id, initial.id)),
      judge: (o) => spec.verdict(o.status.phase, inputs),
      phaseOf: (o) => o.status.phase,
      timeoutMs: (inputs.readyTimeoutSeconds ?? DEFAULT_READY_TIMEOUT_SECONDS) * 1000,
      schedule: sparePolls(spec) ? twiceAsOften(context.poll) : context.poll,
      isTransient,
      onProgress: (m) => context.info(m),
      learned: () => expectedDuration(client.http.endpoint, spec.collection),
      // A create's waits stagger by environment (one list answers the waits of one environment).
      ...(learn
        ? { kin: { of: kinOf(client.http.endpoint, spec.collection), group: inputs.environment.id } }
        : {}),
    });
    // A create that had to wait tells the later ones of its type how long that takes here.
    if (learn && settled !== initial && spec.verdict(settled.status.phase, inputs) === "done")
      noteSettled(client.http.endpoint, spec.collection, Date.now() - started);
    const warning = spec.settledWarning?.(settled, inputs);
    if (warning) context.warn(`${label}: ${warning}`);
    return settled;
  } catch (err) {
    const seen =
      err instanceof WaitFailedError || err instanceof WaitTimeoutError ? ((err.last as W) ?? last) : last;
    throw initError(spec, inputs, seen, err, label);
  }
}

/**
 * Whether the type's READY polls only take the pacer's spare turns (nothing waits on them but the
 * resource itself): those may come twice as often, so the link is seen up sooner.
 */
function sparePolls<I extends BaseInputs, W extends WireObject>(spec: LifecycleSpec<I, W>): boolean {
  return (spec.pollUrgency ?? "poll") === "poll";
}

function initError<I extends BaseInputs, W extends WireObject>(
  spec: LifecycleSpec<I, W>,
  inputs: I,
  last: W,
  err: unknown,
  label: string,
): ResourceInitError {
  const message = err instanceof Error ? err.message : String(err);
  const waited = err instanceof WaitFailedError || err instanceof WaitTimeoutError;
  const api = last.status.error_message
    ? `: ${last.status.error_code ?? "error"}: ${last.status.error_message}`
    : "";
  const hint = waited ? (spec.waitHint?.(last, inputs) ?? "") : "";
  const next = spec.isTerminal(last.status.phase)
    ? "the next `pulumi up` replaces it"
    : "the next `pulumi up` waits for it again";
  const text = waited ? `${message}${api}${hint}` : `${label}: ${message}`;
  return new ResourceInitError(
    `${text}. It exists and is recorded in the state; ${next}, and \`pulumi destroy\` deletes it.`,
    last.id,
    initErrorProperties(inputs, spec.outputs(inputs, last)),
  );
}

/** Deletes the object and waits until it is gone, all within its delete timeout. */
export async function deleteAndWait<I extends BaseInputs, W extends WireObject>(
  spec: LifecycleSpec<I, W>,
  context: ProviderContext,
  client: NetworkingClient,
  id: string,
  props: Outputs<I>,
): Promise<void> {
  const environment = props.environment.id;
  const label = spec.label(props, id);
  const deadline = Date.now() + (props.deleteTimeoutSeconds ?? DEFAULT_DELETE_TIMEOUT_SECONDS) * 1000;
  const gone = await sendDelete(spec, context, client, environment, id, deadline);
  if (gone) return;
  try {
    await waitFor({
      description: `${label} to be deleted`,
      poll: async () =>
        (await unlessNotFound(() => pollObject(spec, client, environment, id)))?.status.phase ?? "GONE",
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

/** Sends the DELETE, retrying while a 409 says something still holds the object. True when already gone. */
async function sendDelete<I extends BaseInputs, W extends WireObject>(
  spec: LifecycleSpec<I, W>,
  context: ProviderContext,
  client: NetworkingClient,
  environment: string,
  id: string,
  deadline: number,
): Promise<boolean> {
  const graceEnds = Date.now() + (context.deleteBlockGraceMs ?? DEFAULT_DELETE_BLOCK_GRACE_MS);
  for (let attempt = 1; ; attempt++) {
    try {
      await withDeadline(deadline, () => removeObject(spec, client, environment, id));
      return false;
    } catch (err) {
      if (isNotFound(err)) return true;
      if (!isConflict(err)) throw err;
      const delay = Math.min(10_000, 1000 * attempt);
      // Past the grace, waiting only makes sense while what holds the object is going away.
      const hopeless =
        Date.now() >= graceEnds && (await spec.blockersLeaving?.(client, environment, id)) === false;
      if (hopeless || Date.now() + delay > deadline) {
        throw (await spec.deleteBlocked?.(client, environment, id, err as ApiError)) ?? err;
      }
      context.info(
        `${spec.label({}, id)}: ${spec.deleteWaitReason ?? "the API refuses the delete for now"}; trying again`,
      );
      await sleep(delay);
    }
  }
}
