// The NetworkLinkService resource class users instantiate, its Args, its registration, and its accept warning.
import * as pulumi from "@pulumi/pulumi";
import {
  LinkObjectResource,
  registerLinkObjectClass,
  type LinkObjectArgs,
  type LinkObjectGetState,
} from "./link-object";
import { serviceForwarder } from "./forwarder";
import type { NetworkLinkServicePhase } from "./phases";

/** Arguments of a NetworkLinkService; `@pulumi/confluentcloud`'s NetworkLinkServiceArgs fit as they are. */
export interface NetworkLinkServiceArgs extends LinkObjectArgs {
  /** The environment of the target network: `{ id: "env-…" }`. Changing this forces replacement. */
  environment: pulumi.Input<{ id: pulumi.Input<string> }>;
  /**
   * The target network that hosts the service: `{ id: "n-…" }` (or `nr-…`). A network holds at most
   * one service. Changing this forces replacement.
   */
  network: pulumi.Input<{ id: pulumi.Input<string> }>;
  /**
   * Who may connect: origin environments and/or networks. Order does not matter (compared as sets).
   * Updated in place. Unset or both lists empty: nobody is accepted, so every endpoint made for this
   * service waits in PENDING_ACCEPT and then EXPIRES. Removing an entry disconnects that side's
   * endpoints for good (they go DISCONNECTED; `pulumi preview` warns).
   */
  accept?: pulumi.Input<
    | {
        /** Environment IDs (`env-…`) all of whose networks may connect, each listed once; at most 1000. */
        environments?: pulumi.Input<pulumi.Input<string>[] | undefined>;
        /** Network IDs (`n-…`) that may connect, each listed once; at most 1000. */
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
}

export type NetworkLinkServiceGetState = LinkObjectGetState;

/**
 * A Network Link Service in the target network: the side that accepts connections. Endpoints in
 * other (origin) networks connect to it, which makes the target network reachable from them. Create
 * waits until the service is READY.
 *
 * Network links are being retired (as of 2026-12-07): fully deprecated by December 31, 2026; in nine
 * AWS regions cluster linking between Dedicated clusters over AWS PrivateLink no longer needs them.
 * Read [Retiring network links](https://github.com/pulumi-confluent-network-link/pulumi-confluent-network-link/blob/main/docs/retiring-network-links.md)
 * before creating new ones.
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
 *
 * @example
 * Read a service this stack does not manage (`get`, inherited): `pulumi up` never changes or deletes
 * it. To manage an existing service, declare it with `adoptExistingId` instead.
 * ```ts
 * const theirs = NetworkLinkService.get("their-service", "nls-x1y2z3", { environment: { id: "env-abc123" } });
 * export const theirAccept = theirs.accept;
 * ```
 */
export class NetworkLinkService extends LinkObjectResource {
  /** The accept list as the API reports it (an emptied list comes back as `[]`). */
  declare readonly accept: pulumi.Output<{ environments: string[]; networks: string[] }>;
  /** The phase the API last reported: READY once created. */
  declare readonly phase: pulumi.Output<NetworkLinkServicePhase>;

  constructor(name: string, args: NetworkLinkServiceArgs, opts?: pulumi.CustomResourceOptions) {
    super(name, args, opts);
    // Known here at preview, and pinned on this resource (the provider's own lines go under the stack).
    if (!opts?.id) {
      pulumi.output(args.accept).apply((accept) => {
        const warning = emptyAcceptWarning(accept);
        if (warning) void pulumi.log.warn(warning, this);
      });
    }
  }
}

registerLinkObjectClass(NetworkLinkService, {
  forwarder: serviceForwarder,
  typeName: "NetworkLinkService",
  ownOutputs: ["accept"],
});

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
