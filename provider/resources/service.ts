import * as pulumi from "@pulumi/pulumi";
import { emptyAcceptWarning } from "./accept-warnings";
import type { CredentialSource } from "../credential-source";
import { serviceForwarder } from "./forwarder";
import type { NetworkLinkServicePhase } from "./phases";

/** Arguments of a NetworkLinkService; `@pulumi/confluentcloud`'s NetworkLinkServiceArgs fit as they are. */
export interface NetworkLinkServiceArgs {
  /** The environment of the target network: `{ id: "env-…" }`. Changing this forces replacement. */
  environment: pulumi.Input<{ id: pulumi.Input<string> }>;
  /**
   * The target network that hosts the service: `{ id: "n-…" }` (or `nr-…`). A network holds at most
   * one service. Changing this forces replacement.
   */
  network: pulumi.Input<{ id: pulumi.Input<string> }>;
  /**
   * Name shown in Confluent Cloud, 1 to 255 characters (surrounding spaces are trimmed). Default: the
   * resource name. Updated in place.
   */
  displayName?: pulumi.Input<string | undefined>;
  /**
   * Free-text description, up to 255 characters (the API's limit). Updated in place; when unset, the description the
   * service already has is left alone (an empty string clears it).
   */
  description?: pulumi.Input<string | undefined>;
  /**
   * Who may connect: origin environments and/or networks. Order does not matter (compared as sets).
   * Updated in place. Unset or both lists empty: nobody is accepted, so every endpoint made for this
   * service waits in PENDING_ACCEPT and then EXPIRES. Removing an entry disconnects that side's
   * endpoints for good (they go DISCONNECTED; `pulumi preview` warns).
   */
  accept?: pulumi.Input<
    | {
        /** Environment IDs (`env-…`) all of whose networks may connect, each listed once. */
        environments?: pulumi.Input<pulumi.Input<string>[] | undefined>;
        /** Network IDs (`n-…`) that may connect, each listed once. */
        networks?: pulumi.Input<pulumi.Input<string>[] | undefined>;
      }
    | undefined
  >;
  /**
   * ID (`nls-…`) of an existing service to bring under this stack instead of creating one: services
   * made by hand, with Terraform, by `@pulumi/confluentcloud`, or by an interrupted `pulumi up`. It
   * must be in `environment` and `network`; its name, description and accept list are then updated to
   * match these inputs. Only read when the resource is created: changing or removing it later does
   * nothing.
   */
  adoptExistingId?: pulumi.Input<string | undefined>;
  /** How long create waits for READY before failing, 1 to 86400 seconds. Default 3600. */
  readyTimeoutSeconds?: pulumi.Input<number | undefined>;
  /**
   * How long delete waits for the service (and its endpoints still deprovisioning) to be gone, 1 to
   * 86400 seconds. Default 1800.
   */
  deleteTimeoutSeconds?: pulumi.Input<number | undefined>;
  /**
   * Where this resource's API key and secret come from, when not from `confluentcloud:cloudApiKey` /
   * `confluentcloud:cloudApiSecret`: names of other stack-config keys or environment variables, read
   * when the provider runs. Only the names are stored in the state. Default: the stack's keys.
   */
  credentials?: pulumi.Input<CredentialSource | undefined>;
}

/** What `NetworkLinkService.get` needs besides the ID: the API reads a service within its environment. */
export interface NetworkLinkServiceGetState {
  /** The service's environment: `{ id: "env-…" }`. */
  environment: pulumi.Input<{ id: pulumi.Input<string> }>;
  /** Where the API key comes from, when not from the stack's default keys. */
  credentials?: pulumi.Input<CredentialSource | undefined>;
}

const SERVICE_TYPE = "pulumi-nodejs:dynamic/confluent-network-link:NetworkLinkService";

/**
 * A Network Link Service in the target network: the side that accepts connections. Endpoints in
 * other (origin) networks connect to it, which makes the target network reachable from them. Create
 * waits until the service is READY.
 *
 * @example
 * ```ts
 * import { NetworkLinkService } from "pulumi-confluent-network-link";
 *
 * const service = new NetworkLinkService("source-side", {
 *   environment: { id: "env-abc123" },
 *   network: { id: "n-src123" },
 *   accept: { networks: ["n-dst456"] },
 * });
 * export const serviceId = service.id;
 * ```
 */
export class NetworkLinkService extends pulumi.dynamic.Resource {
  /** The environment of the target network. */
  declare readonly environment: pulumi.Output<{ id: string }>;
  /** The target network. */
  declare readonly network: pulumi.Output<{ id: string }>;
  /** Name shown in Confluent Cloud. */
  declare readonly displayName: pulumi.Output<string>;
  /** Description shown in Confluent Cloud ("" when it has none). */
  declare readonly description: pulumi.Output<string>;
  /** The accept list as the API reports it (an emptied list comes back as `[]`). */
  declare readonly accept: pulumi.Output<{ environments: string[]; networks: string[] }>;
  /** The service's CRN. */
  declare readonly resourceName: pulumi.Output<string>;
  /** The phase the API last reported: READY once created. */
  declare readonly phase: pulumi.Output<NetworkLinkServicePhase>;
  /** The API's error code, when it reports one. */
  declare readonly errorCode: pulumi.Output<string | undefined>;
  /** The API's error message, when it reports one. */
  declare readonly errorMessage: pulumi.Output<string | undefined>;

  /**
   * Reads an existing service into the program without managing it: `pulumi up` never changes or
   * deletes it. To manage an existing service, declare it with `adoptExistingId` instead.
   *
   * @example
   * ```ts
   * const theirs = NetworkLinkService.get("their-service", "nls-x1y2z3", { environment: { id: "env-abc123" } });
   * export const theirAccept = theirs.accept;
   * ```
   */
  static get(
    name: string,
    id: pulumi.Input<pulumi.ID>,
    state: NetworkLinkServiceGetState,
    opts?: pulumi.CustomResourceOptions,
  ): NetworkLinkService {
    return new NetworkLinkService(name, state as NetworkLinkServiceArgs, { ...opts, id });
  }

  /** True when `obj` is a NetworkLinkService of this package (also across copies of it), and only then. */
  static override isInstance(obj: unknown): obj is NetworkLinkService {
    return (obj as { __pulumiType?: unknown } | undefined)?.__pulumiType === SERVICE_TYPE;
  }

  constructor(name: string, args: NetworkLinkServiceArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = {
      network: undefined,
      displayName: undefined,
      description: undefined,
      accept: undefined,
      resourceName: undefined,
      phase: undefined,
      errorCode: undefined,
      errorMessage: undefined,
    };
    // With opts.id (get), only what the read needs is passed: the environment and the credential source.
    const props = opts?.id
      ? { ...outputs, environment: args.environment, credentials: args.credentials }
      : { ...outputs, ...args, displayName: pulumi.output(args.displayName).apply((d) => d ?? name) };
    super(serviceForwarder, name, props, opts, "confluent-network-link", "NetworkLinkService");
    // Known here at preview, and pinned on this resource (the provider's own lines go under the stack).
    if (!opts?.id) {
      pulumi.output(args.accept).apply((accept) => {
        const warning = emptyAcceptWarning(accept);
        if (warning) void pulumi.log.warn(warning, this);
      });
    }
  }
}
