// The NetworkLinkEndpoint resource class users instantiate, its Args, and its registration.
import * as pulumi from "@pulumi/pulumi";
import type { CredentialSource } from "../credential-source";
import {
  LinkObjectResource,
  registerLinkObjectClass,
  type LinkObjectArgs,
  type LinkObjectGetState,
} from "./link-object";
import { endpointForwarder } from "./forwarder";
import type { NetworkLinkEndpointPhase } from "./phases";
import { NetworkLinkService } from "./service";

/** A reference to the target network's service. */
export interface NetworkLinkServiceReference {
  /** The service ID, `nls-…`. */
  id: pulumi.Input<string>;
  /** The service's environment (`env-…`), when it differs from the endpoint's. */
  environment?: pulumi.Input<string | undefined>;
  /** The service's network (`n-…`), when known; lets the inputs be checked before any API call. */
  network?: pulumi.Input<string | undefined>;
  /**
   * Where to find a key that can read the service, when the endpoint's own key cannot (a key scoped
   * to the endpoint's environment, the service in another team's). Used only by the check before the
   * endpoint is created. Default: the endpoint's credentials.
   */
  credentials?: pulumi.Input<CredentialSource | undefined>;
}

/** Arguments of a NetworkLinkEndpoint; `@pulumi/confluentcloud`'s NetworkLinkEndpointArgs fit as they are. */
export interface NetworkLinkEndpointArgs extends LinkObjectArgs {
  /** The environment of the origin network: `{ id: "env-…" }`. Changing this forces replacement. */
  environment: pulumi.Input<{ id: pulumi.Input<string> }>;
  /**
   * The origin network that hosts the endpoint (for cluster linking: the network of the destination
   * cluster). At most 5 endpoints per network, one per service. Changing this forces replacement.
   */
  network: pulumi.Input<{ id: pulumi.Input<string> }>;
  /**
   * The target network's service: `{ id: "nls-…" }`, or in TypeScript the NetworkLinkService resource
   * itself (Pulumi then creates the service first). It must be READY and accept this endpoint's environment or
   * network (see `allowPendingAccept`). Changing this forces replacement.
   */
  networkLinkService: NetworkLinkService | pulumi.Input<NetworkLinkServiceReference>;
  /**
   * Finish without waiting when the service has not accepted this endpoint yet (a service owned by
   * another team, which this stack may not be able to read). Default false: the endpoint must be
   * accepted and READY (or INACTIVE) before `pulumi up` succeeds.
   */
  allowPendingAccept?: pulumi.Input<boolean | undefined>;
  /**
   * ID (`nle-…`) of an existing endpoint to bring under this stack instead of creating one: endpoints
   * made by hand, with Terraform, by `@pulumi/confluentcloud`, or by an interrupted `pulumi up`. It
   * must be in `environment` and `network` and point at `networkLinkService`; its name and
   * description are then updated to match. Only read when the resource is created: changing or
   * removing it later does nothing.
   */
  adoptExistingId?: pulumi.Input<string | undefined>;
}

export type NetworkLinkEndpointGetState = LinkObjectGetState;

/**
 * A Network Link Endpoint in the origin network, connected to the service of a target network. The
 * link is up when the endpoint is READY; create waits for it.
 *
 * Network links are being retired (as of 2026-12-07): fully deprecated by December 31, 2026; in nine
 * AWS regions cluster linking between Dedicated clusters over AWS PrivateLink no longer needs them.
 * Read [Retiring network links](https://github.com/pulumi-confluent-network-link/pulumi-confluent-network-link/blob/main/docs/retiring-network-links.md)
 * before creating new ones.
 *
 * @example
 * ```ts
 * import { NetworkLinkEndpoint, NetworkLinkService } from "pulumi-confluent-network-link";
 *
 * const service = new NetworkLinkService("source-side", {
 *   environment: { id: "env-abc123" },
 *   network: { id: "n-src123" },
 *   accept: { networks: ["n-dst456"] },
 * });
 * const endpoint = new NetworkLinkEndpoint("destination-side", {
 *   environment: { id: "env-def456" },
 *   network: { id: "n-dst456" },
 *   networkLinkService: service,
 * });
 * export const linkPhase = endpoint.phase; // "READY"
 * ```
 *
 * @example
 * Read an endpoint this stack does not manage (`get`, inherited): `pulumi up` never changes or
 * deletes it. To manage an existing endpoint, declare it with `adoptExistingId` instead.
 * ```ts
 * const theirs = NetworkLinkEndpoint.get("their-endpoint", "nle-x1y2z3", { environment: { id: "env-def456" } });
 * export const theirPhase = theirs.phase;
 * ```
 */
export class NetworkLinkEndpoint extends LinkObjectResource {
  /** The service this endpoint connects to. */
  declare readonly networkLinkService: pulumi.Output<{ id: string; environment?: string; network?: string }>;
  /** READY when the link is up; INACTIVE while a side has no Kafka cluster; DISCONNECTED/EXPIRED need a replacement. */
  declare readonly phase: pulumi.Output<NetworkLinkEndpointPhase>;

  constructor(name: string, args: NetworkLinkEndpointArgs, opts?: pulumi.CustomResourceOptions) {
    super(name, args, opts, { networkLinkService: serviceReference(args.networkLinkService) });
  }
}

registerLinkObjectClass(NetworkLinkEndpoint, {
  forwarder: endpointForwarder,
  typeName: "NetworkLinkEndpoint",
  ownOutputs: ["networkLinkService"],
});

function serviceReference(
  service: NetworkLinkService | pulumi.Input<NetworkLinkServiceReference>,
): pulumi.Input<NetworkLinkServiceReference> {
  if (NetworkLinkService.isInstance(service)) {
    return { id: service.id, environment: service.environment.id, network: service.network.id };
  }
  return service;
}
