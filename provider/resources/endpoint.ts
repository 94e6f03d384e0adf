import * as pulumi from "@pulumi/pulumi";
import type { CredentialSource } from "../credential-source";
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
export interface NetworkLinkEndpointArgs {
  /** The environment of the origin network: `{ id: "env-…" }`. Changing this forces replacement. */
  environment: pulumi.Input<{ id: pulumi.Input<string> }>;
  /**
   * The origin network that hosts the endpoint (for cluster linking: the network of the destination
   * cluster). At most 5 endpoints per network, one per service. Changing this forces replacement.
   */
  network: pulumi.Input<{ id: pulumi.Input<string> }>;
  /**
   * The target network's service: the NetworkLinkService resource itself (Pulumi then creates the
   * service first), or `{ id: "nls-…" }`. It must be READY and accept this endpoint's environment or
   * network (see `allowPendingAccept`). Changing this forces replacement.
   */
  networkLinkService: NetworkLinkService | pulumi.Input<NetworkLinkServiceReference>;
  /**
   * Name shown in Confluent Cloud, 1 to 255 characters (surrounding spaces are trimmed). Default: the
   * resource name. Updated in place.
   */
  displayName?: pulumi.Input<string | undefined>;
  /**
   * Free-text description, up to 255 characters (the API's limit). Updated in place; when unset, the description the
   * endpoint already has is left alone.
   */
  description?: pulumi.Input<string | undefined>;
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
  /** How long create waits for READY before failing, 1 to 86400 seconds. Default 3600. */
  readyTimeoutSeconds?: pulumi.Input<number | undefined>;
  /** How long delete waits for the endpoint to be gone, 1 to 86400 seconds. Default 1800. */
  deleteTimeoutSeconds?: pulumi.Input<number | undefined>;
  /**
   * Where this resource's API key and secret come from, when not from `confluentcloud:cloudApiKey` /
   * `confluentcloud:cloudApiSecret`: names of other stack-config keys or environment variables, read
   * when the provider runs. Only the names are stored in the state. Default: the stack's keys.
   */
  credentials?: pulumi.Input<CredentialSource | undefined>;
}

/** What `NetworkLinkEndpoint.get` needs besides the ID: the API reads an endpoint within its environment. */
export interface NetworkLinkEndpointGetState {
  /** The endpoint's environment: `{ id: "env-…" }`. */
  environment: pulumi.Input<{ id: pulumi.Input<string> }>;
  /** Where the API key comes from, when not from the stack's default keys. */
  credentials?: pulumi.Input<CredentialSource | undefined>;
}

const ENDPOINT_TYPE = "pulumi-nodejs:dynamic/confluent-network-link:NetworkLinkEndpoint";

/**
 * A Network Link Endpoint in the origin network, connected to the service of a target network. The
 * link is up when the endpoint is READY; create waits for it.
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
 */
export class NetworkLinkEndpoint extends pulumi.dynamic.Resource {
  /** The environment of the origin network. */
  declare readonly environment: pulumi.Output<{ id: string }>;
  /** The origin network. */
  declare readonly network: pulumi.Output<{ id: string }>;
  /** The service this endpoint connects to. */
  declare readonly networkLinkService: pulumi.Output<{ id: string; environment?: string; network?: string }>;
  /** Name shown in Confluent Cloud. */
  declare readonly displayName: pulumi.Output<string>;
  /** Description shown in Confluent Cloud ("" when it has none). */
  declare readonly description: pulumi.Output<string>;
  /** The endpoint's CRN. */
  declare readonly resourceName: pulumi.Output<string>;
  /** READY when the link is up; INACTIVE while a side has no Kafka cluster; DISCONNECTED/EXPIRED need a replacement. */
  declare readonly phase: pulumi.Output<NetworkLinkEndpointPhase>;
  /** The API's error code, when it reports one. */
  declare readonly errorCode: pulumi.Output<string | undefined>;
  /** The API's error message, when it reports one. */
  declare readonly errorMessage: pulumi.Output<string | undefined>;

  /**
   * Reads an existing endpoint into the program without managing it: `pulumi up` never changes or
   * deletes it. To manage an existing endpoint, declare it with `adoptExistingId` instead.
   *
   * @example
   * ```ts
   * const theirs = NetworkLinkEndpoint.get("their-endpoint", "nle-x1y2z3", { environment: { id: "env-def456" } });
   * export const theirPhase = theirs.phase;
   * ```
   */
  static get(
    name: string,
    id: pulumi.Input<pulumi.ID>,
    state: NetworkLinkEndpointGetState,
    opts?: pulumi.CustomResourceOptions,
  ): NetworkLinkEndpoint {
    return new NetworkLinkEndpoint(name, state as NetworkLinkEndpointArgs, { ...opts, id });
  }

  /** True when `obj` is a NetworkLinkEndpoint of this package (also across copies of it), and only then. */
  static override isInstance(obj: unknown): obj is NetworkLinkEndpoint {
    return (obj as { __pulumiType?: unknown } | undefined)?.__pulumiType === ENDPOINT_TYPE;
  }

  constructor(name: string, args: NetworkLinkEndpointArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = {
      network: undefined,
      networkLinkService: undefined,
      displayName: undefined,
      description: undefined,
      resourceName: undefined,
      phase: undefined,
      errorCode: undefined,
      errorMessage: undefined,
    };
    // With opts.id (get), only what the read needs is passed: the environment and the credential source.
    const props = opts?.id
      ? { ...outputs, environment: args.environment, credentials: args.credentials }
      : {
          ...outputs,
          ...args,
          displayName: pulumi.output(args.displayName).apply((d) => d ?? name),
          networkLinkService: serviceReference(args.networkLinkService),
        };
    super(endpointForwarder, name, props, opts, "confluent-network-link", "NetworkLinkEndpoint");
  }
}

function serviceReference(
  service: NetworkLinkService | pulumi.Input<NetworkLinkServiceReference>,
): pulumi.Input<NetworkLinkServiceReference> {
  if (NetworkLinkService.isInstance(service)) {
    return { id: service.id, environment: service.environment.id, network: service.network.id };
  }
  return service;
}
