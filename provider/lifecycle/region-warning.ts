// Before a link object is created, one read of its network says whether the region still needs
// network links. Best effort: a failed or slow read never holds up or fails a preview, it only means
// no warning.

import { NetworkingClient } from "../client/networking";
import { withDeadline } from "../client/deadline";
import { isId } from "../client/ids";
import { networkLinksNotNeeded, notNeededWarning } from "../retirement";

/** Longest a check waits for the network's answer before going on without it. */
const READ_WAIT_MS = 5_000;

type Place = { cloud?: string | null; region?: string | null } | undefined;

// Once per network, API and key in a process: a preview that creates a mesh reads each network once.
const places = new Map<string, Promise<Place>>();

function placeOf(client: NetworkingClient, environment: string, network: string): Promise<Place> {
  const key = `${client.http.identity} ${environment} ${network}`;
  let place = places.get(key);
  if (!place) {
    // One try within a short deadline: advice is not worth a retry that holds up the preview.
    // First in the pacer's queue: the engine checks a deployment's resources one after another, so
    // every create behind this one waits for this answer (bench P3: under a rate limit the last
    // service of a mesh was checked, and so created, 2.5 s after the first).
    place = withDeadline(Date.now() + READ_WAIT_MS, () =>
      client.getNetwork(environment, network, { once: true, urgency: "release" }),
    ).then(
      (read) => read.spec,
      () => undefined,
    );
    places.set(key, place);
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
