// The BidirectionalNetworkLink component: a service and an endpoint in each of two networks.
import * as pulumi from "@pulumi/pulumi";
import { NetworkLinkEndpoint } from "../resources/endpoint";
import { hasTypeToken } from "../resources/link-object";
import { NetworkLinkService } from "../resources/service";
import { dynamicComponentChildren, statusOf, type LinkGraph } from "./children";
import type { LinkSettings, Side } from "./shared";

/** Arguments of a BidirectionalNetworkLink. */
export interface BidirectionalNetworkLinkArgs extends LinkSettings {
  /**
   * One network. It gets a service (unless it brings `service`, in TypeScript) and the endpoint of
   * direction a→b.
   * Changing its environment or network replaces the resources in it.
   */
  a: Side;
  /**
   * The other network, which must differ from `a`'s. It gets a service (unless it brings `service`,
   * in TypeScript) and the endpoint of direction b→a.
   */
  b: Side;
  /**
   * Prefix of the display names shown in Confluent Cloud: `<prefix>-a-service`, `<prefix>-a-to-b`, ….
   * Default: the component's name.
   */
  displayNamePrefix?: string;
}

/**
 * Network links both ways between two Private Link networks: a service in each network that accepts
 * the other network, and an endpoint in each network pointing at the other's service.
 *
 * Directions are named by where connections go: `aToB` is the endpoint in network a, connected to
 * b's service, so clients in a reach b. For cluster linking (destination-initiated, the only mode
 * over network links) the destination cluster opens the connection, so `aToB` carries a link whose
 * destination cluster is in a and whose source cluster is in b: data then flows from b to a.
 *
 * Network links are being retired (as of 2026-12-07): fully deprecated by December 31, 2026; in nine
 * AWS regions cluster linking between Dedicated clusters over AWS PrivateLink no longer needs them.
 * Read [Retiring network links](https://github.com/pulumi-confluent-network-link/pulumi-confluent-network-link/blob/main/docs/retiring-network-links.md)
 * before creating new ones.
 *
 * `retainOnDelete` in its options reaches every service and endpoint it makes (docs/retiring-network-links.md).
 *
 * @example
 * ```ts
 * import { BidirectionalNetworkLink } from "pulumi-confluent-network-link";
 *
 * const link = new BidirectionalNetworkLink("east-west", {
 *   a: { environment: { id: "env-abc123" }, network: { id: "n-east12" } },
 *   b: { environment: { id: "env-def456" }, network: { id: "n-west34" } },
 * });
 * export const phases = link.phases; // { aService: "READY", bService: "READY", aToB: "READY", bToA: "READY" }
 * ```
 */
export class BidirectionalNetworkLink extends pulumi.ComponentResource {
  /** The service in network a (created, or `a.service` in TypeScript). Endpoints in b connect to it. */
  public readonly aService: NetworkLinkService;
  /** The service in network b (created, or `b.service` in TypeScript). Endpoints in a connect to it. */
  public readonly bService: NetworkLinkService;
  /** The endpoint in network a, connected to `bService`: network a reaches network b. */
  public readonly aToB: NetworkLinkEndpoint;
  /** The endpoint in network b, connected to `aService`: network b reaches network a. */
  public readonly bToA: NetworkLinkEndpoint;
  /** The last phase of each resource: `{ aService, bService, aToB, bToA }`. */
  public readonly phases: pulumi.Output<Record<string, string>>;
  /** True when both endpoints are READY. */
  public readonly ready: pulumi.Output<boolean>;

  /** True when `obj` is a BidirectionalNetworkLink (also from another copy of this package), and only then. */
  static override isInstance(obj: unknown): obj is BidirectionalNetworkLink {
    return hasTypeToken(obj, "confluent-network-link:index:BidirectionalNetworkLink");
  }

  constructor(name: string, args: BidirectionalNetworkLinkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("confluent-network-link:index:BidirectionalNetworkLink", name, args, opts);
    const children = dynamicComponentChildren(this, name, args, opts, bidirectionalGraph(args));
    this.aService = children.services.aService.service;
    this.bService = children.services.bService.service;
    this.aToB = children.endpoints.aToB;
    this.bToA = children.endpoints.bToA;
    ({ phases: this.phases, ready: this.ready } = statusOf({
      services: { aService: this.aService, bService: this.bService },
      endpoints: children.endpoints,
    }));
    this.registerOutputs({
      aService: this.aService,
      bService: this.bService,
      aToB: this.aToB,
      bToA: this.bToA,
      phases: this.phases,
      ready: this.ready,
    });
  }
}

/** Links both ways as the builder makes them: children keyed aService, bService, aToB, bToA. */
export function bidirectionalGraph(args: { a: Side; b: Side }): LinkGraph {
  const keys = ["a", "b"];
  return {
    nodes: [
      { key: "a", label: "side a", side: args.a },
      { key: "b", label: "side b", side: args.b },
    ],
    edges: [
      [0, 1],
      [1, 0],
    ],
    problems: ([a, b]) => [validatePair(a, b)].filter((p): p is string => !!p),
    serviceKey: (node) => `${keys[node]}Service`,
    endpointKey: (from, to) => `${keys[from]}To${keys[to].toUpperCase()}`,
  };
}

/** Why two networks cannot be linked (undefined when they can, or when an ID is not known yet). */
export function validatePair(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined || b === undefined || a !== b) return undefined;
  return `a and b are the same network ${a}: a network link joins two different networks, so give b another network`;
}
