// The API calls of the lifecycle, the same for both types: each type names its collection and adds
// its own fields.

import { NetworkingClient, WireObjectOf } from "../client/networking";
import type { Slot } from "../client/own-writes";
import { compact } from "./property-values";
import { BaseInputs, LifecycleSpec, WireObject } from "./lifecycle-spec";

export async function readObject<I extends BaseInputs, W extends WireObject>(
  spec: LifecycleSpec<I, W>,
  client: NetworkingClient,
  environment: string,
  id: string,
): Promise<W> {
  return (await client.read(spec.collection, environment, id)) as WireObjectOf<typeof spec.collection> as W;
}

/** A read for a wait, sharing list calls with the other waits of the process, at the type's turn. */
export async function pollObject<I extends BaseInputs, W extends WireObject>(
  spec: LifecycleSpec<I, W>,
  client: NetworkingClient,
  environment: string,
  id: string,
): Promise<W> {
  return (await client.poll(spec.collection, environment, id, { urgency: spec.pollUrgency })) as W;
}

/** The create; `onSent` hears when the POST leaves. */
export async function postObject<I extends BaseInputs, W extends WireObject>(
  spec: LifecycleSpec<I, W>,
  client: NetworkingClient,
  inputs: I,
  onSent?: () => void,
): Promise<W> {
  const fields = compact({
    environment: { id: inputs.environment.id },
    network: { id: inputs.network.id },
    ...spec.createFields(inputs),
    display_name: inputs.displayName,
    description: inputs.description,
  });
  const urgency = spec.createUrgency;
  return (await client.create(spec.collection, { spec: fields } as never, { onSent, urgency })) as W;
}

/** Updates the changed updatable fields to the inputs' values; the environment locates the object. */
export async function patchObject<I extends BaseInputs, W extends WireObject>(
  spec: LifecycleSpec<I, W>,
  client: NetworkingClient,
  id: string,
  inputs: I,
  changed: string[],
): Promise<W> {
  const fields = compact({
    environment: { id: inputs.environment.id },
    display_name: changed.includes("displayName") ? inputs.displayName : undefined,
    description: changed.includes("description") ? inputs.description : undefined,
    ...spec.updateFields?.(inputs, changed),
  });
  return (await client.update(spec.collection, id, { spec: fields } as never)) as W;
}

export async function removeObject<I extends BaseInputs, W extends WireObject>(
  spec: LifecycleSpec<I, W>,
  client: NetworkingClient,
  environment: string,
  id: string,
): Promise<void> {
  await client.remove(spec.collection, environment, id);
}

/** The one-per slot the inputs would take, as the client keys its own creates. */
function slotOf<I extends BaseInputs, W extends WireObject>(spec: LifecycleSpec<I, W>, inputs: I): Slot {
  return {
    network: inputs.network.id,
    networkLinkService: spec.slot?.filter(inputs).networkLinkService?.[0],
  };
}

/**
 * The objects in the slot before our POST. None, without a list, when the slot is an endpoint's to a
 * service this process made, and it has not created in the slot since: no endpoint to that service can
 * predate it, and it is ours from its first moment. Otherwise the slot's shared snapshot.
 */
export async function objectsBeforeCreate<I extends BaseInputs, W extends WireObject>(
  spec: LifecycleSpec<I, W>,
  client: NetworkingClient,
  inputs: I,
): Promise<W[]> {
  const slot = slotOf(spec, inputs);
  const fresh =
    slot.networkLinkService !== undefined &&
    client.madeByThisProcess("service", slot.networkLinkService) &&
    client.lastCreateIn(spec.collection, inputs.environment.id, slot) === 0;
  return fresh ? [] : objectsInSlot(spec, client, inputs, { shared: true });
}

/**
 * How old the shared list behind a create's pre-POST snapshot may be. Only this process creates in a
 * slot during its `up`, and the snapshot is always read after its own last create there; what an older
 * list can miss is an object made elsewhere in the same slot in those few seconds. That window exists
 * anyway: under a rate limit a POST can wait seconds in the pacer after its snapshot. A younger bound
 * made every batch of a mesh's creates list each environment again (bench/analysis.md, P3).
 */
export const SNAPSHOT_MAX_AGE_MS = 5_000;

/**
 * The objects that hold the one-per slot the inputs would take (a network's service; its endpoint to
 * one service). `shared`: from the list the process shares (at most SNAPSHOT_MAX_AGE_MS old, and read
 * after this process's last create in that slot), which keeps a mesh of creates from adding a list
 * call each; otherwise a list of its own, now.
 */
export async function objectsInSlot<I extends BaseInputs, W extends WireObject>(
  spec: LifecycleSpec<I, W>,
  client: NetworkingClient,
  inputs: I,
  { shared = false }: { shared?: boolean } = {},
): Promise<W[]> {
  const environment = inputs.environment.id;
  const filter = { network: [inputs.network.id], ...spec.slot?.filter(inputs) };
  const slot = slotOf(spec, inputs);
  const listed = (shared
    ? await client.snapshot(spec.collection, environment, {
        slot,
        maxAgeMs: SNAPSHOT_MAX_AGE_MS,
        urgency: spec.createUrgency === "start" ? "start" : "read",
      })
    : await client.list(spec.collection, environment, filter)) as unknown as W[];
  return listed.filter(
    (o) => o.spec.network.id === inputs.network.id && (spec.slot?.holds(o, inputs) ?? true),
  );
}
