// The NetworkLink component: one service and one endpoint, origin to target.
import * as pulumi from "@pulumi/pulumi";
import { NetworkLinkEndpoint } from "../resources/endpoint";
import { hasTypeToken } from "../resources/link-object";
import { NetworkLinkService } from "../resources/service";
import { dynamicComponentChildren, statusOf, type LinkGraph } from "./children";
import type { LinkSettings, NetworkSide, Side } from "./shared";

/** Arguments of a NetworkLink. */
export interface NetworkLinkArgs extends LinkSettings {
  /**
   * The network that connects: it gets the endpoint. For cluster linking, the network of the
   * DESTINATION cluster (links over network links are destination-initiated). At most 5 endpoints per
   * network. Changing it replaces the endpoint.
   */
  origin: NetworkSide;
  /**
   * The network connected to: it gets the service, accepting the origin network (unless it brings
   * `service`, in TypeScript, whose accept list must then admit the origin). For cluster linking, the
   * network of the SOURCE cluster. Must differ from the origin.
   */
  target: Side;
  /**
   * Prefix of the display names shown in Confluent Cloud: `<prefix>-target-service` and
   * `<prefix>-origin-to-target`. Default: the component's name.
   */
  displayNamePrefix?: string;
}

/**
 * A one-way network link: clients in the origin network reach the target network. Creates the
 * target's service (or checks an existing one) and the origin's endpoint pointing at it.
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
 * import { NetworkLink } from "pulumi-confluent-network-link";
 *
 * // Clients (e.g. the destination cluster of a cluster link) in n-dst456 reach n-src123.
 * const link = new NetworkLink("dst-to-src", {
 *   origin: { environment: { id: "env-def456" }, network: { id: "n-dst456" } },
 *   target: { environment: { id: "env-abc123" }, network: { id: "n-src123" } },
 * });
 * export const ready = link.ready;
 * ```
 */
export class NetworkLink extends pulumi.ComponentResource {
  /** The service in the target network (created, or `target.service` in TypeScript). */
  public readonly service: NetworkLinkService;
  /** The endpoint in the origin network. */
  public readonly endpoint: NetworkLinkEndpoint;
  /** The last phase of each resource: `{ service, endpoint }`. */
  public readonly phases: pulumi.Output<Record<string, string>>;
  /** True when the endpoint is READY. */
  public readonly ready: pulumi.Output<boolean>;

  /** True when `obj` is a NetworkLink (also from another copy of this package), and only then. */
  static override isInstance(obj: unknown): obj is NetworkLink {
    return hasTypeToken(obj, "confluent-network-link:index:NetworkLink");
  }

  constructor(name: string, args: NetworkLinkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("confluent-network-link:index:NetworkLink", name, args, opts);
    const children = dynamicComponentChildren(this, name, args, opts, networkLinkGraph(args));
    this.service = children.services.service.service;
    this.endpoint = children.endpoints.endpoint;
    ({ phases: this.phases, ready: this.ready } = statusOf({
      services: { service: this.service },
      endpoints: { endpoint: this.endpoint },
    }));
    this.registerOutputs({
      service: this.service,
      endpoint: this.endpoint,
      phases: this.phases,
      ready: this.ready,
    });
  }
}

/** A one-way link as the builder makes it: the target's service, and the origin's endpoint named `endpoint`. */
export function networkLinkGraph(args: { origin: NetworkSide; target: Side }): LinkGraph {
  return {
    nodes: [
      { key: "origin", label: "the origin", side: args.origin },
      { key: "target", label: "the target", side: args.target },
    ],
    edges: [[0, 1]],
    problems: ([origin, target]) => [validateLink(origin, target)].filter((p): p is string => !!p),
    serviceKey: () => "service",
    endpointKey: () => "endpoint",
  };
}

/** Why a one-way link cannot be made (undefined when it can, or when an ID is not known yet). */
export function validateLink(origin: string | undefined, target: string | undefined): string | undefined {
  if (origin === undefined || target === undefined || origin !== target) return undefined;
  return `origin and target are the same network ${origin}: a network link joins two different networks`;
}
