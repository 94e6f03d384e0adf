// How a lookup finds one service or endpoint: checks, API calls and messages, for both front doors.
import type { NetworkingClient } from "./client/networking";
import type { NetworkLinkEndpoint, NetworkLinkService } from "./client/schemas";
import type {
  GetNetworkLinkEndpointResult,
  GetNetworkLinkServiceResult,
  LinkObjectLookupResult,
  NetworkLinkEndpointQuery,
  NetworkLinkServiceQuery,
} from "./lookups-types";
import type { NetworkLinkEndpointPhase, NetworkLinkServicePhase } from "./resources/phases";

// The read-only lookups of one service or endpoint, served to both front doors: the TypeScript
// functions (lookups.ts, client from the program's stack config) and the native provider's Invoke
// (native/invoke.ts, client from the provider instance's settings). Same checks, same messages.

/** The function names, as every message and every SDK names them. */
export const LOOKUP_NAMES = {
  service: "getNetworkLinkService",
  endpoint: "getNetworkLinkEndpoint",
} as const;

/**
 * Finds one service. The arguments are checked before `client` is called, so a wrong argument is
 * reported before missing credentials; every failure starts with the function's name.
 */
export async function findNetworkLinkService(
  args: NetworkLinkServiceQuery,
  client: () => NetworkingClient,
): Promise<GetNetworkLinkServiceResult> {
  const fn = LOOKUP_NAMES.service;
  const environment = requireEnvironment(fn, args);
  optional(fn, args, "id", "a string such as 'nls-…'");
  optional(fn, args, "network", '{ id: "n-…" }');
  optional(fn, args, "displayName", "a string");
  const ways = [args.id, args.network, args.displayName].filter((w) => w != null).length;
  if (ways !== 1) {
    throw new Error(
      `${fn}: give exactly one of id, network or displayName (got ${ways}), besides environment`,
    );
  }
  const service: NetworkLinkService = await named(fn, async () => {
    const api = client();
    if (args.id) return api.getService(environment, args.id);
    const found = await api.listServices(
      environment,
      args.network ? { network: [args.network.id] } : { displayName: [args.displayName as string] },
    );
    const what = args.network ? `network ${args.network.id}` : `display name '${args.displayName}'`;
    return the(fn, what, environment, found);
  });
  return {
    ...commonFields(service),
    accept: {
      environments: [...(service.spec.accept?.environments ?? [])].sort(),
      networks: [...(service.spec.accept?.networks ?? [])].sort(),
    },
    phase: service.status.phase as NetworkLinkServicePhase,
  };
}

/** Finds one endpoint; checks and messages as findNetworkLinkService's. */
export async function findNetworkLinkEndpoint(
  args: NetworkLinkEndpointQuery,
  client: () => NetworkingClient,
): Promise<GetNetworkLinkEndpointResult> {
  const fn = LOOKUP_NAMES.endpoint;
  const environment = requireEnvironment(fn, args);
  optional(fn, args, "id", "a string such as 'nle-…'");
  optional(fn, args, "network", '{ id: "n-…" }');
  optional(fn, args, "networkLinkService", '{ id: "nls-…" }');
  if ((args.id == null) === (args.network == null)) {
    throw new Error(
      `${fn}: give exactly one of id or network (with networkLinkService when the network holds several endpoints), besides environment`,
    );
  }
  const endpoint: NetworkLinkEndpoint = await named(fn, async () => {
    const api = client();
    if (args.id) return api.getEndpoint(environment, args.id);
    const network = (args.network as { id: string }).id;
    const service = args.networkLinkService?.id;
    const found = await api.listEndpoints(environment, {
      network: [network],
      ...(service ? { networkLinkService: [service] } : {}),
    });
    return the(fn, `network ${network}${service ? ` and service ${service}` : ""}`, environment, found);
  });
  const service = { id: endpoint.spec.network_link_service.id };
  return {
    ...commonFields(endpoint),
    networkLinkService: service,
    networkLinkServices: [service],
    phase: endpoint.status.phase as NetworkLinkEndpointPhase,
  };
}

/** The fields both lookups return alike, in @pulumi/confluentcloud's shape (`networks` as a list too). */
function commonFields(object: NetworkLinkService | NetworkLinkEndpoint): LinkObjectLookupResult {
  const network = { id: object.spec.network.id };
  return {
    id: object.id,
    displayName: object.spec.display_name ?? "",
    description: object.spec.description ?? "",
    environment: { id: object.spec.environment.id },
    network,
    networks: [network],
    resourceName: object.metadata?.resource_name ?? "",
  };
}

function requireEnvironment(fn: string, args: { environment?: { id?: unknown } }): string {
  const id = args?.environment?.id;
  if (typeof id !== "string" || !/^env-[a-z0-9]+$/.test(id)) {
    throw new Error(`${fn}: environment must be { id: "env-…" }, got ${JSON.stringify(args?.environment)}`);
  }
  return id;
}

/**
 * Fails naming the field when a given argument has the wrong shape (a YAML or Go program passes what
 * the schema allows, a JavaScript one anything); the value is not quoted, it may be secret.
 */
function optional(fn: string, args: object, field: string, shape: string): void {
  const value = (args as Record<string, unknown>)[field];
  if (value === undefined || value === null) return;
  const isReference = shape.startsWith("{");
  const ok = isReference
    ? typeof value === "object" && typeof (value as { id?: unknown }).id === "string"
    : typeof value === "string" && value !== "";
  if (!ok) throw new Error(`${fn}: ${field} must be ${shape}, got ${describe(value)}`);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return value === "" ? "an empty string" : "a string";
  if (typeof value === "object") return "an object without a string id";
  return `a ${typeof value}`;
}

/** A failure of the API call, prefixed with the function's name (its class and fields kept). */
async function named<T>(fn: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof Error && !err.message.startsWith(`${fn}: `)) err.message = `${fn}: ${err.message}`;
    throw err;
  }
}

/** The single match of a list, or an error naming what was looked for and what was found (IDs sorted: the same message every run). */
function the<T extends { id: string }>(fn: string, what: string, environment: string, found: T[]): T {
  if (found.length === 1) return found[0];
  if (found.length === 0) throw new Error(`${fn}: nothing found for ${what} in environment ${environment}`);
  throw new Error(
    `${fn}: ${found.length} found for ${what} in environment ${environment} (${found
      .map((f) => f.id)
      .sort()
      .join(", ")}): look it up by id`,
  );
}
