import { NetworkingClient, WireObjectOf } from "../client/networking";
import { compact } from "./property-values";
import { BaseInputs, ResourceKind, WireObject } from "./resource-kind";

// The API calls of the lifecycle, the same for both kinds: each kind names its collection and adds
// its own fields.

type Kind<I extends BaseInputs, W extends WireObject> = ResourceKind<I, W>;

export async function readObject<I extends BaseInputs, W extends WireObject>(
  kind: Kind<I, W>,
  client: NetworkingClient,
  environment: string,
  id: string,
): Promise<W> {
  return (await client.read(kind.collection, environment, id)) as WireObjectOf<typeof kind.collection> as W;
}

/** A read for a wait, sharing list calls with the other waits of the process. */
export async function pollObject<I extends BaseInputs, W extends WireObject>(
  kind: Kind<I, W>,
  client: NetworkingClient,
  environment: string,
  id: string,
): Promise<W> {
  return (await client.poll(kind.collection, environment, id)) as W;
}

export async function postObject<I extends BaseInputs, W extends WireObject>(
  kind: Kind<I, W>,
  client: NetworkingClient,
  inputs: I,
): Promise<W> {
  const spec = compact({
    environment: { id: inputs.environment.id },
    network: { id: inputs.network.id },
    ...kind.createFields(inputs),
    display_name: inputs.displayName,
    description: inputs.description,
  });
  return (await client.create(kind.collection, { spec } as never)) as W;
}

/** Updates the changed updatable fields to the inputs' values; the environment locates the object. */
export async function patchObject<I extends BaseInputs, W extends WireObject>(
  kind: Kind<I, W>,
  client: NetworkingClient,
  id: string,
  inputs: I,
  changed: string[],
): Promise<W> {
  const spec = compact({
    environment: { id: inputs.environment.id },
    display_name: changed.includes("displayName") ? inputs.displayName : undefined,
    description: changed.includes("description") ? inputs.description : undefined,
    ...kind.updateFields?.(inputs, changed),
  });
  return (await client.update(kind.collection, id, { spec } as never)) as W;
}

export async function removeObject<I extends BaseInputs, W extends WireObject>(
  kind: Kind<I, W>,
  client: NetworkingClient,
  environment: string,
  id: string,
): Promise<void> {
  await client.remove(kind.collection, environment, id);
}

/**
 * The objects that hold the one-per slot the inputs would take (a network's service; its endpoint to
 * one service). `shared`: from the list the waits of the process share (at most 500 ms old, and read
 * after this process's last create in that slot), which keeps a mesh of creates from adding a list
 * call each; otherwise a list of its own, now.
 */
export async function objectsInSlot<I extends BaseInputs, W extends WireObject>(
  kind: Kind<I, W>,
  client: NetworkingClient,
  inputs: I,
  shared = false,
): Promise<W[]> {
  const environment = inputs.environment.id;
  const filter = { network: [inputs.network.id], ...kind.slot?.filter(inputs) };
  const slot = { network: inputs.network.id, networkLinkService: filter.networkLinkService?.[0] };
  const listed = (shared
    ? await client.snapshot(kind.collection, environment, slot)
    : await client.list(kind.collection, environment, filter)) as unknown as W[];
  return listed.filter(
    (o) => o.spec.network.id === inputs.network.id && (kind.slot?.holds(o, inputs) ?? true),
  );
}
