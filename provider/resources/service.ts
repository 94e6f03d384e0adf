import * as pulumi from "@pulumi/pulumi";
import { emptyAcceptWarning } from "./accept-warnings";
import { serviceForwarder } from "./forwarder";

/** Arguments of a NetworkLinkService; the same shape as `@pulumi/confluentcloud`'s. */
export interface NetworkLinkServiceArgs {
  /** The environment of the target network: `{ id: "env-…" }`. Changing this forces replacement. */
  environment: pulumi.Input<{ id: pulumi.Input<string> }>;
  /**
   * The target network that hosts the service: `{ id: "n-…" }`. A network holds at most one service.
   * Changing this forces replacement.
   */
  network: pulumi.Input<{ id: pulumi.Input<string> }>;
  /** Name shown in Confluent Cloud. Default: the resource name. Updated in place. */
  displayName?: pulumi.Input<string>;
  /** Free-text description, up to 255 characters (the API's limit). Updated in place; left alone when unset. */
  description?: pulumi.Input<string>;
  /**
   * Who may connect: origin environments and/or networks. Order does not matter. Updated in place.
   * Removing an entry disconnects that side's endpoints for good (they go DISCONNECTED).
   */
  accept?: pulumi.Input<{
    /** Environment IDs (`env-…`) whose networks may connect. */
    environments?: pulumi.Input<pulumi.Input<string>[]>;
    /** Network IDs (`n-…`) that may connect. */
    networks?: pulumi.Input<pulumi.Input<string>[]>;
  }>;
  /**
   * ID (`nls-…`) of an existing service to bring under this stack instead of creating one, for
   * services made by hand or with Terraform. It must be in `environment` and `network`; its name,
   * description and accept list are then updated to match these inputs.
   */
  adoptExistingId?: pulumi.Input<string>;
  /** How long create waits for READY before failing. Default 3600 s. */
  readyTimeoutSeconds?: pulumi.Input<number>;
  /** How long delete waits for the service (and endpoints still deprovisioning) to be gone. Default 1800 s. */
  deleteTimeoutSeconds?: pulumi.Input<number>;
}

/**
 * A Network Link Service in the target network: the side that accepts connections. Endpoints in
 * other (origin) networks connect to it, which makes the target network reachable from them.
 */
export class NetworkLinkService extends pulumi.dynamic.Resource {
  declare readonly environment: pulumi.Output<{ id: string }>;
  declare readonly network: pulumi.Output<{ id: string }>;
  declare readonly displayName: pulumi.Output<string>;
  declare readonly description: pulumi.Output<string | undefined>;
  declare readonly accept: pulumi.Output<{ environments: string[]; networks: string[] }>;
  /** The service's CRN. */
  declare readonly resourceName: pulumi.Output<string>;
  /** The phase the API last reported (READY once created). */
  declare readonly phase: pulumi.Output<string>;
  /** The API's error code, when it reports one. */
  declare readonly errorCode: pulumi.Output<string | undefined>;
  /** The API's error message, when it reports one. */
  declare readonly errorMessage: pulumi.Output<string | undefined>;

  constructor(name: string, args: NetworkLinkServiceArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      serviceForwarder,
      name,
      {
        displayName: name,
        ...args,
        resourceName: undefined,
        phase: undefined,
        errorCode: undefined,
        errorMessage: undefined,
      },
      opts,
      "confluent-network-link",
      "NetworkLinkService",
    );
    // Known here at preview, and pinned on this resource (the provider's own lines go under the stack).
    pulumi.output(args.accept).apply((accept) => {
      const warning = emptyAcceptWarning(accept);
      if (warning) void pulumi.log.warn(warning, this);
    });
  }
}
