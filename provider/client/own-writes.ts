/**
 * When this process last wrote to the API, so that a shared list can be asked to postdate it: a list
 * read before our own write may lack what the write made or changed.
 *
 * Kept per API endpoint (any key: the objects are the same), collection and environment, and for
 * creates also per one-per slot (a network's service; a network's endpoint to one service). Only a
 * create adds an object to a slot, so a snapshot of a slot need only postdate the creates in it:
 * the endpoint creates of a mesh do not make each other's snapshots too old.
 */
export interface Slot {
  network: string;
  /** For an endpoint: the service it connects to. */
  networkLinkService?: string;
}

const lastWrites = new Map<string, number>();

function key(endpoint: string, collection: string, environment: string, slot?: Slot): string {
  const where = slot ? ` ${slot.network} ${slot.networkLinkService ?? ""}` : "";
  return `${endpoint} ${collection} ${environment}${where}`;
}

/** Records a completed write (also a failed one: its outcome may be unknown); a create names its slot. */
export function noteWrite(endpoint: string, collection: string, environment: string, slot?: Slot): void {
  const now = Date.now();
  lastWrites.set(key(endpoint, collection, environment), now);
  if (slot) lastWrites.set(key(endpoint, collection, environment, slot), now);
}

/** When the last write to the collection in the environment completed (0: never); with a slot, the last create in it. */
export function lastWrite(endpoint: string, collection: string, environment: string, slot?: Slot): number {
  return lastWrites.get(key(endpoint, collection, environment, slot)) ?? 0;
}

const madeHere = new Set<string>();

/** Records an object this process created (its POST answered with it). */
export function noteCreated(endpoint: string, collection: string, id: string): void {
  madeHere.add(`${endpoint} ${collection} ${id}`);
}

/** Whether this process created the object (so it knows when it came to exist: after its own POST). */
export function createdHere(endpoint: string, collection: string, id: string): boolean {
  return madeHere.has(`${endpoint} ${collection} ${id}`);
}
