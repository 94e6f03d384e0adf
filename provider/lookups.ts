// The TypeScript lookups getNetworkLinkService / getNetworkLinkEndpoint, with a client from the program's stack config.
import * as pulumi from "@pulumi/pulumi";
import { NetworkingClient } from "./client/networking";
import { resolveConfig } from "./config";
import type { CredentialSource } from "./credential-source";
import { findNetworkLinkEndpoint, findNetworkLinkService } from "./lookups-core";
import type {
  GetNetworkLinkEndpointResult,
  GetNetworkLinkServiceResult,
  NetworkLinkEndpointQuery,
  NetworkLinkServiceQuery,
} from "./lookups-types";
import { USER_AGENT } from "./version";

export type { GetNetworkLinkEndpointResult, GetNetworkLinkServiceResult } from "./lookups-types";

// Read-only lookups for stacks that only read another team's side: plain data, like
// `@pulumi/confluentcloud`'s getNetworkLinkService / getNetworkLinkEndpoint. They run in the program's
// own process, so they read the stack config through pulumi.Config (nothing is stored in the state).
// The finding itself is lookups-core.ts, which serves the native provider's functions too.

/** How to find one network link service: by `id`, or by the `network` that holds it, or by `displayName`. */
export interface GetNetworkLinkServiceArgs extends NetworkLinkServiceQuery {
  /** Where the API key comes from, when not from the stack's default keys. */
  credentials?: CredentialSource;
}

/** How to find one network link endpoint: by `id`, or by its `network` (and `networkLinkService` when it has several). */
export interface GetNetworkLinkEndpointArgs extends NetworkLinkEndpointQuery {
  /** Where the API key comes from, when not from the stack's default keys. */
  credentials?: CredentialSource;
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
  return findNetworkLinkService(args, () => lookupClient(args.credentials));
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
  return findNetworkLinkEndpoint(args, () => lookupClient(args.credentials));
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
