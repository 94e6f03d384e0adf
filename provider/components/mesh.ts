// The NetworkLinkMesh component: every network of a list linked to every other.
import * as pulumi from "@pulumi/pulumi";
import { NetworkLinkEndpoint } from "../resources/endpoint";
import { hasTypeToken } from "../resources/link-object";
import { NetworkLinkService } from "../resources/service";
import { dynamicComponentChildren, statusOf, type Children, type LinkGraph } from "./children";
import {
  MAX_ENDPOINTS_PER_NETWORK,
  MAX_NETWORK_LINKS_PER_ORGANIZATION,
  MAX_SERVICES_PER_NETWORK,
  type LinkSettings,
  type Side,
} from "./shared";

/** One network of a mesh. */
export interface MeshNetwork extends Side {
  /**
   * Short name of this network in child names (`<mesh>-<name>-service`, `<mesh>-<from>-to-<to>`) and
   * output keys. Default: its index in `networks`. Must be unique within the mesh.
   */
  name?: string;
}

/** Arguments of a NetworkLinkMesh. */
export interface NetworkLinkMeshArgs extends LinkSettings {
  /**
   * The networks to link, every one to every other, each once: at least 2 and at most 5. A mesh of N
   * networks puts N−1 endpoints in each network (at most 5 endpoints per network) and uses N×(N−1) of
   * the organization's 20 network links, fewer when `existingLinkCount` are in use.
   */
  networks: MeshNetwork[];
  /**
   * Network links (endpoints) that already exist elsewhere in the organization; they count against
   * its limit of 20. Default 0.
   */
  existingLinkCount?: number;
  /**
   * Prefix of the display names shown in Confluent Cloud: `<prefix>-<name>-service`,
   * `<prefix>-<from>-to-<to>`. Default: the component's name.
   */
  displayNamePrefix?: string;
}

/** What validateMesh needs: each network's name (index by default) and ID when known. */
export interface MeshPlan {
  networks: { name: string; network?: string }[];
  existingLinkCount?: number;
}

/**
 * Every network linked to every other: one service per network accepting all the other networks,
 * and an endpoint for every ordered pair (`<from>-to-<to>` lives in network `from` and reaches `to`).
 * The limits are checked before anything is registered.
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
 * import { NetworkLinkMesh } from "pulumi-confluent-network-link";
 *
 * const mesh = new NetworkLinkMesh("dr", {
 *   networks: [
 *     { name: "east", environment: { id: "env-abc123" }, network: { id: "n-east12" } },
 *     { name: "west", environment: { id: "env-def456" }, network: { id: "n-west34" } },
 *     { name: "south", environment: { id: "env-def456" }, network: { id: "n-south5" } },
 *   ],
 * });
 * export const ready = mesh.ready; // 3 services, 6 endpoints
 * ```
 */
export class NetworkLinkMesh extends pulumi.ComponentResource {
  /** The service of each network, by network name (created, or the network's `service` in TypeScript). */
  public readonly services: Record<string, NetworkLinkService>;
  /** The endpoint of each ordered pair, keyed `<from>-to-<to>`: it lives in `from` and reaches `to`. */
  public readonly endpoints: Record<string, NetworkLinkEndpoint>;
  /** The last phase of each resource, keyed `<name>-service` and `<from>-to-<to>`. */
  public readonly phases: pulumi.Output<Record<string, string>>;
  /** True when every endpoint is READY. */
  public readonly ready: pulumi.Output<boolean>;

  /** True when `obj` is a NetworkLinkMesh (also from another copy of this package), and only then. */
  static override isInstance(obj: unknown): obj is NetworkLinkMesh {
    return hasTypeToken(obj, "confluent-network-link:index:NetworkLinkMesh");
  }

  constructor(name: string, args: NetworkLinkMeshArgs, opts?: pulumi.ComponentResourceOptions) {
    super("confluent-network-link:index:NetworkLinkMesh", name, args, opts);
    const graph = meshGraph(args);
    const children = dynamicComponentChildren(this, name, args, opts, graph);
    const services = Object.fromEntries(
      Object.entries(children.services).map(([key, p]) => [key, p.service]),
    );
    const outputs = meshOutputs(graph, { services, endpoints: children.endpoints });
    this.services = outputs.services;
    this.endpoints = outputs.endpoints;
    ({ phases: this.phases, ready: this.ready } = statusOf({ services, endpoints: this.endpoints }));
    this.registerOutputs({
      services: this.services,
      endpoints: this.endpoints,
      phases: this.phases,
      ready: this.ready,
    });
  }
}

/** A mesh as the builder makes it: every network linked to every other, the limits checked. */
export function meshGraph(args: Pick<NetworkLinkMeshArgs, "networks" | "existingLinkCount">): LinkGraph {
  const networks = args.networks ?? [];
  const nodes = networks.map((side, i) => ({
    key: side.name ?? String(i),
    label: side.name ?? String(i),
    side,
  }));
  return {
    nodes,
    edges: nodes.flatMap((_, i) => nodes.flatMap((_, j) => (i === j ? [] : [[i, j] as const]))),
    problems: (ids) =>
      validateMesh({
        networks: nodes.map((n, i) => ({ name: n.key, network: ids[i] })),
        existingLinkCount: args.existingLinkCount,
      }),
  };
}

/** A mesh's outputs: each network's service by network name, each endpoint by `<from>-to-<to>`. */
export function meshOutputs<S, E>(graph: LinkGraph, children: Children<S, E>) {
  return {
    services: Object.fromEntries(
      graph.nodes.map((n) => [n.key, children.services[`${n.key}-service`]] as const),
    ),
    endpoints: children.endpoints,
  };
}

/** The most networks a mesh may have when `existingLinkCount` links are already in use (0 if none fits). */
export function largestMesh(existingLinkCount = 0): number {
  let n = 0;
  while (
    n + 1 <= MAX_ENDPOINTS_PER_NETWORK + 1 &&
    (n + 1) * n + existingLinkCount <= MAX_NETWORK_LINKS_PER_ORGANIZATION
  ) {
    n += 1;
  }
  return n >= 2 ? n : 0;
}

/** Every reason the mesh cannot be made; empty when it fits. IDs not known yet are skipped. */
export function validateMesh(plan: MeshPlan): string[] {
  const problems: string[] = [];
  const count = plan.networks.length;
  const existing = plan.existingLinkCount ?? 0;
  if (count < 2) problems.push(`a mesh needs at least 2 networks, got ${count}`);
  if (!Number.isInteger(existing) || existing < 0) {
    problems.push(`existingLinkCount must be a whole number of 0 or more, got ${existing}`);
    return problems;
  }
  problems.push(...duplicates(plan));
  const all = plan.networks.map((n) => n.network ?? n.name).join(", ");
  // Both rules name the largest mesh that fits every limit, so the two messages never disagree.
  const largest = largestMesh(existing);
  const fits = largest
    ? `the largest mesh that fits is ${largest} networks`
    : "no mesh fits: free at least 2 network links first";
  const endpointsEach = count - 1;
  if (endpointsEach > MAX_ENDPOINTS_PER_NETWORK) {
    problems.push(
      `a mesh of ${count} networks puts ${endpointsEach} endpoints in each network (${all}), and a network ` +
        `holds at most ${MAX_ENDPOINTS_PER_NETWORK}: ${fits}`,
    );
  }
  const links = count * (count - 1);
  if (count >= 2 && links + existing > MAX_NETWORK_LINKS_PER_ORGANIZATION) {
    problems.push(
      `a mesh of ${count} networks needs ${links} network links, and the organization allows ` +
        `${MAX_NETWORK_LINKS_PER_ORGANIZATION} (${existing} already in use): ${fits}`,
    );
  }
  return problems;
}

/** Networks listed twice (a network holds one service) and names given twice (they name children). */
function duplicates(plan: MeshPlan): string[] {
  const problems: string[] = [];
  const names = new Map<string, number>();
  plan.networks.forEach(({ name }, i) => {
    const first = names.get(name);
    if (first === undefined) names.set(name, i);
    else
      problems.push(
        `networks[${first}] and networks[${i}] are both named '${name}': give each network a unique name (it names the child resources)`,
      );
  });
  const seen = new Map<string, number>();
  plan.networks.forEach(({ network }, i) => {
    if (network === undefined) return;
    const first = seen.get(network);
    if (first === undefined) seen.set(network, i);
    else
      problems.push(
        `network ${network} is listed twice (networks[${first}] and networks[${i}]): a network holds at most ` +
          `${MAX_SERVICES_PER_NETWORK} service, so list each network once`,
      );
  });
  return problems;
}
