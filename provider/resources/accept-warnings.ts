// What the accept list of a service tells its user before anything is created. Pure, so the program
// (which knows the resource, for a warning the engine pins on it) and tests share it.

export interface AcceptLists {
  environments?: readonly string[] | null;
  networks?: readonly string[] | null;
}

/** The warning for a service that accepts nobody, or undefined. */
export function emptyAcceptWarning(accept: AcceptLists | undefined | null): string | undefined {
  const lists = [accept?.environments ?? [], accept?.networks ?? []];
  if (lists.some((list) => !Array.isArray(list) || list.length > 0)) return undefined;
  return (
    "this service accepts no environment or network: every endpoint that connects to it waits in " +
    "PENDING_ACCEPT (and expires) until you add its environment or network to accept.environments or accept.networks."
  );
}
