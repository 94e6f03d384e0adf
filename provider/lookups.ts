import * as pulumi from "@pulumi/pulumi";
import { NetworkingClient } from "./client/networking";
import { resolveConfig } from "./config";
import type { CredentialSource } from "./credential-source";
import type { NetworkLinkEndpointPhase, NetworkLinkServicePhase } from "./resources/phases";
import type { WireObject } from "./lifecycle/lifecycle-spec";
import { USER_AGENT } from "./version";

// Read-only lookups for stacks that only read another team's side: plain data, like
// `@pulumi/confluentcloud`'s getNetworkLinkService / getNetworkLinkEndpoint. They run in the program's
// own process, so they read the stack config through pulumi.Config (nothing is stored in the state).

/** How to find one network link service: by `id`, or by the `network` that holds it, or by `displayName`. */
export interface GetNetworkLinkServiceArgs {
  /** The service's environment: `{ id: "env-…" }`. */
  environment: { id: string };
  /** The service ID, `nls-…`. */
  id?: string;
  /** The network that holds the service (a network holds at most one). */
  network?: { id: string };
  /** The service's display name; fails when several services in the environment carry it. */
  displayName?: string;
  /** Where the API key comes from, when not from the stack's default keys. */
  credentials?: CredentialSource;
}

/** The fields of a looked-up service or endpoint that both types have, as plain data. */
export interface LinkObjectLookupResult {
  readonly id: string;
  readonly displayName: string;
  readonly description: string;
  readonly environment: { id: string };
  readonly network: { id: string };
  /** The same network as a one-element list, as `@pulumi/confluentcloud` returns it. */
  readonly networks: { id: string }[];
  readonly resourceName: string;
}

/** A network link service as plain data (the fields of `@pulumi/confluentcloud`'s result, and more). */
export interface GetNetworkLinkServiceResult extends LinkObjectLookupResult {
  readonly accept: { environments: string[]; networks: string[] };
  readonly phase: NetworkLinkServicePhase;
}

/** How to find one network link endpoint: by `id`, or by its `network` (and `networkLinkService` when it has several). */
export interface GetNetworkLinkEndpointArgs {
  /** The endpoint's environment: `{ id: "env-…" }`. */
  environment: { id: string };
  /** The endpoint ID, `nle-…`. */
  id?: string;
  /** The origin network that holds the endpoint. */
  network?: { id: string };
  /** The service the endpoint points at; picks one when the network holds several endpoints. */
  networkLinkService?: { id: string };
  /** Where the API key comes from, when not from the stack's default keys. */
  credentials?: CredentialSource;
}

/** A network link endpoint as plain data (the fields of `@pulumi/confluentcloud`'s result, and more). */
export interface GetNetworkLinkEndpointResult extends LinkObjectLookupResult {
  readonly networkLinkService: { id: string };
  /** The same service as a one-element list, as `@pulumi/confluentcloud` returns it. */
  readonly networkLinkServices: { id: string }[];
  readonly phase: NetworkLinkEndpointPhase;
}

/**
 * Reads one network link service, for stacks that use a service another team manages.
 *
 * @example
 * ```ts
 * import { getNetworkLinkService } from "pulumi-confluent-network-link";
 *
 * const theirs = await getNetworkLinkService({ environment: { id: "env-abc123" }, network: { id: "n-src123" } });
 * // theirs.id, theirs.accept.networks, theirs.phase
 * ```
 */
export async function getNetworkLinkService(
  args: GetNetworkLinkServiceArgs,
): Promise<GetNetworkLinkServiceResult> {
  const environment = requireEnvironment("getNetworkLinkService", args);
  const ways = [args.id, args.network, args.displayName].filter((w) => w !== undefined).length;
  if (ways !== 1) {
    throw new Error(
      `getNetworkLinkService: give exactly one of id, network or displayName (got ${ways}), besides environment`,
    );
  }
  const client = lookupClient(args.credentials);
  const service = args.id
    ? await client.getService(environment, args.id)
    : the(
        "getNetworkLinkService",
        args.network ? `network ${args.network.id}` : `display name '${args.displayName}'`,
        environment,
        await client.listServices(
          environment,
          args.network ? { network: [args.network.id] } : { displayName: [args.displayName as string] },
        ),
      );
  return {
    ...commonFields(service),
    accept: {
      environments: [...(service.spec.accept?.environments ?? [])].sort(),
      networks: [...(service.spec.accept?.networks ?? [])].sort(),
    },
    phase: service.status.phase as NetworkLinkServicePhase,
  };
}

/**
 * Reads one network link endpoint, e.g. to check from the service's stack that the other team's
 * endpoint is READY.
 *
 * @example
 * ```ts
 * import { getNetworkLinkEndpoint } from "pulumi-confluent-network-link";
 *
 * const theirs = await getNetworkLinkEndpoint({ environment: { id: "env-def456" }, id: "nle-x1y2z3" });
 * // theirs.phase === "READY"
 * ```
 */
export async function getNetworkLinkEndpoint(
  args: GetNetworkLinkEndpointArgs,
): Promise<GetNetworkLinkEndpointResult> {
  const environment = requireEnvironment("getNetworkLinkEndpoint", args);
  if ((args.id === undefined) === (args.network === undefined)) {
    throw new Error(
      "getNetworkLinkEndpoint: give exactly one of id or network (with networkLinkService when the network holds several endpoints), besides environment",
    );
  }
  const client = lookupClient(args.credentials);
  const endpoint = args.id
    ? await client.getEndpoint(environment, args.id)
    : the(
        "getNetworkLinkEndpoint",
        `network ${args.network?.id}${args.networkLinkService ? ` and service ${args.networkLinkService.id}` : ""}`,
        environment,
        await client.listEndpoints(environment, {
          network: [args.network?.id as string],
          ...(args.networkLinkService ? { networkLinkService: [args.networkLinkService.id] } : {}),
        }),
      );
  const service = { id: endpoint.spec.network_link_service.id };
  return {
    ...commonFields(endpoint),
    networkLinkService: service,
    networkLinkServices: [service],
    phase: endpoint.status.phase as NetworkLinkEndpointPhase,
  };
}

/** The fields both lookups return alike, in @pulumi/confluentcloud's shape (`networks` as a list too). */
function commonFields(object: WireObject) {
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

/** getNetworkLinkService for arguments that are Outputs (IDs of resources still to be created). */
export function getNetworkLinkServiceOutput(
  args: pulumi.Input<GetNetworkLinkServiceArgs>,
): pulumi.Output<GetNetworkLinkServiceResult> {
  return pulumi.output(args).apply((plain) => getNetworkLinkService(plain as GetNetworkLinkServiceArgs));
}

/** getNetworkLinkEndpoint for arguments that are Outputs (IDs of resources still to be created). */
export function getNetworkLinkEndpointOutput(
  args: pulumi.Input<GetNetworkLinkEndpointArgs>,
): pulumi.Output<GetNetworkLinkEndpointResult> {
  return pulumi.output(args).apply((plain) => getNetworkLinkEndpoint(plain as GetNetworkLinkEndpointArgs));
}

function requireEnvironment(fn: string, args: { environment?: { id?: unknown } }): string {
  const id = args?.environment?.id;
  if (typeof id !== "string" || !/^env-[a-z0-9]+$/.test(id)) {
    throw new Error(`${fn}: environment must be { id: "env-…" }, got ${JSON.stringify(args?.environment)}`);
  }
  return id;
}

/** The single match of a list, or an error naming what was looked for and what was found. */
function the<T extends { id: string }>(fn: string, what: string, environment: string, found: T[]): T {
  if (found.length === 1) return found[0];
  if (found.length === 0) throw new Error(`${fn}: nothing found for ${what} in environment ${environment}`);
  throw new Error(
    `${fn}: ${found.length} found for ${what} in environment ${environment} (${found.map((f) => f.id).join(", ")}): look it up by id`,
  );
}

/** A client with the program's stack config (secrets included), or the environment, as the providers resolve it. */
function lookupClient(credentials: CredentialSource | undefined): NetworkingClient {
  const stackConfig = {
    get(key: string): string | undefined {
      const colon = key.indexOf(":");
      return new pulumi.Config(key.slice(0, colon)).get(key.slice(colon + 1));
    },
  };
  const resolved = resolveConfig(stackConfig, process.env, credentials);
  return new NetworkingClient({ ...resolved, userAgent: USER_AGENT });
}
