// Before a link object is created, a read of its network (one list per environment) says whether the
// region still needs network links. Best effort: a failed or slow read never holds up or fails a preview, it only means
// no warning.

import { NetworkingClient } from "../client/networking";
import { withDeadline } from "../client/deadline";
import { isId } from "../client/ids";
import { networkLinksNotNeeded, notNeededWarning } from "../retirement";

/** Longest a check waits for the network's answer before going on without it. */
const READ_WAIT_MS = 5_000;

type Place = { cloud?: string | null; region?: string | null } | undefined;

// Once per environment, API and key in a process: a preview that creates a mesh lists the networks of
// each environment once, and reads by ID only a network the list did not hold.
const listed = new Map<string, Promise<Map<string, Place> | undefined>>();
const readById = new Map<string, Promise<Place>>();

/**
 * One try within a short deadline: advice is not worth a retry that holds up the preview. First in the
 * pacer's queue ("start"): the engine checks a deployment's resources one after another, so every
 * create behind this one waits for this answer (bench P3: under a rate limit the last service of a
 * mesh was checked, and so created, 2.5 s after the first).
 */
function bestEffort<T>(read: () => Promise<T>): Promise<T | undefined> {
  return withDeadline(Date.now() + READ_WAIT_MS, read).then(
    (value) => value,
    () => undefined,
  );
}

async function placeOf(client: NetworkingClient, environment: string, network: string): Promise<Place> {
  const inEnvironment = `${client.http.identity} ${environment}`;
  let places = listed.get(inEnvironment);
  if (!places) {
    places = bestEffort(() => client.listNetworks(environment, { once: true, urgency: "start" })).then(
      (networks) => networks && new Map(networks.map((n) => [n.id, n.spec])),
    );
    listed.set(inEnvironment, places);
  }
  const list = await places;
  // No list (the API did not answer in time, or refused): no warning, and no more reads to wait for.
  if (!list) return undefined;
  if (list.has(network)) return list.get(network);
  // Not listed (newer than the list, or beyond its pages): its own read, once.
  const key = `${inEnvironment} ${network}`;
  let place = readById.get(key);
  if (!place) {
    place = bestEffort(() => client.getNetwork(environment, network, { once: true, urgency: "start" })).then(
      (one) => one?.spec,
    );
    readById.set(key, place);
  }
  return place;
}

/** The warning for an object about to be created in a region without need of links, or undefined. */
export async function regionWarning(
  client: NetworkingClient,
  inputs: { environment?: { id?: unknown }; network?: { id?: unknown } },
  label: string,
): Promise<string | undefined> {
  const environment = inputs.environment?.id;
  const network = inputs.network?.id;
  // At preview an ID from another resource may still be unknown: nothing to read yet.
  if (!isId("environment", environment) || !isId("network", network)) return undefined;
  const place = await placeOf(client, environment, network);
  if (!place?.region || !networkLinksNotNeeded(place.cloud ?? undefined, place.region)) return undefined;
  return notNeededWarning(label, network, place.region);
}
