import * as pulumi from "@pulumi/pulumi";
import { endpointForwarder } from "./forwarder";
import { NetworkLinkService } from "./service";

/** A reference to the target network's service. */
export interface NetworkLinkServiceReference {
  /** The service ID, `nls-…`. */
  id: pulumi.Input<string>;
  /** The service's environment, when it differs from the endpoint's. */
  environment?: pulumi.Input<string>;
  /** The service's network, when known; lets the inputs be checked before any API call. */
  network?: pulumi.Input<string>;
}

/** Arguments of a NetworkLinkEndpoint; the same shape as `@pulumi/confluentcloud`'s. */
export interface NetworkLinkEndpointArgs {
  /** The environment of the origin network: `{ id: "env-…" }`. Changing this forces replacement. */
  environment: pulumi.Input<{ id: pulumi.Input<string> }>;
  /**
   * The origin network that hosts the endpoint (for cluster linking: the network of the destination
   * cluster). At most 5 endpoints per network. Changing this forces replacement.
   */
  network: pulumi.Input<{ id: pulumi.Input<string> }>;
  /**
   * The target network's service: the NetworkLinkService resource itself (Pulumi then creates the
   * service first), or `{ id: "nls-…" }`. Changing this forces replacement.
   */
  networkLinkService: NetworkLinkService | pulumi.Input<NetworkLinkServiceReference>;
  /** Name shown in Confluent Cloud. Default: the resource name. Updated in place. */
  displayName?: pulumi.Input<string>;
  /** Free-text description, up to 255 characters (the API's limit). Updated in place; left alone when unset. */
  description?: pulumi.Input<string>;
  /**
   * Finish without waiting when the service has not accepted this endpoint yet (a service owned by
   * another team, which this stack may not be able to read). Default false: the endpoint must be
   * accepted and READY (or INACTIVE) before `pulumi up` succeeds.
   */
  allowPendingAccept?: pulumi.Input<boolean>;
  /** ID (`nle-…`) of an existing endpoint to bring under this stack instead of creating one. */
  adoptExistingId?: pulumi.Input<string>;
  /** How long create waits for READY before failing. Default 3600 s. */
  readyTimeoutSeconds?: pulumi.Input<number>;
  /** How long delete waits for the endpoint to be gone. Default 1800 s. */
  deleteTimeoutSeconds?: pulumi.Input<number>;
}

/**
 * A Network Link Endpoint in the origin network, connected to the service of a target network. The
 * link is up when the endpoint is READY.
 */
export class NetworkLinkEndpoint extends pulumi.dynamic.Resource {
  declare readonly environment: pulumi.Output<{ id: string }>;
  declare readonly network: pulumi.Output<{ id: string }>;
  declare readonly networkLinkService: pulumi.Output<{ id: string; environment?: string; network?: string }>;
  declare readonly displayName: pulumi.Output<string>;
  declare readonly description: pulumi.Output<string | undefined>;
  /** The endpoint's CRN. */
  declare readonly resourceName: pulumi.Output<string>;
  /** READY when the link is up; INACTIVE while a side has no Kafka cluster; DISCONNECTED/EXPIRED need a replacement. */
  declare readonly phase: pulumi.Output<string>;
  declare readonly errorCode: pulumi.Output<string | undefined>;
  declare readonly errorMessage: pulumi.Output<string | undefined>;

  constructor(name: string, args: NetworkLinkEndpointArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      endpointForwarder,
      name,
      {
        displayName: name,
        ...args,
        networkLinkService: serviceReference(args.networkLinkService),
        resourceName: undefined,
        phase: undefined,
        errorCode: undefined,
        errorMessage: undefined,
      },
      opts,
      "confluent-network-link",
      "NetworkLinkEndpoint",
    );
  }
}

function serviceReference(
  service: NetworkLinkService | pulumi.Input<NetworkLinkServiceReference>,
): pulumi.Input<NetworkLinkServiceReference> {
  if (service instanceof NetworkLinkService) {
    return { id: service.id, environment: service.environment.id, network: service.network.id };
  }
  return service;
}
