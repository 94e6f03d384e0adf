// The one builder of a component's children, for the TypeScript components and the native construct.
import * as pulumi from "@pulumi/pulumi";
import {
  allReady,
  childOptions,
  childSettings,
  knownId,
  linkEndpoint,
  originOf,
  phasesOf,
  planService,
  type ChildOptions,
  type ChildSettings,
  type LinkSettings,
  type NetworkSide,
  type Origin,
  type ServicePlan,
  type Side,
} from "./shared";
import type { NetworkLinkEndpoint } from "../resources/endpoint";

// The one builder of a component's children, for both front doors: the TypeScript components
// (dynamic resources) and the native provider's `construct` (native resources). A component is
// described as a graph of networks and links; the builder checks its rules, names its children and
// registers them through the front door's factory, in the same order under the same names.

/** One network of a component: its key in child names, its label in messages, its inputs. */
export interface LinkNode {
  key: string;
  label: string;
  side: Side;
}

/** An endpoint in network `from` that reaches the service of network `to` (indexes of the nodes). */
export type LinkEdge = readonly [from: number, to: number];

/** What a component makes: a service in each network a link points to, an endpoint per link. */
export interface LinkGraph {
  nodes: LinkNode[];
  edges: LinkEdge[];
  /** Every reason the component cannot be made, from the networks' IDs (undefined: not known yet). */
  problems(networks: (string | undefined)[]): string[];
  /** Key of a node's service in `phases` and `adoptExistingIds`. Default `<key>-service`. */
  serviceKey?(node: number): string;
  /** Key of a link's endpoint in `phases` and `adoptExistingIds`. Default `<from>-to-<to>`. */
  endpointKey?(from: number, to: number): string;
}

/** How one front door registers a component's children; S and E are what it gets back. */
export interface ChildFactory<S, E> {
  /** The service of `side` (created, or brought by the side), accepting `origins`. */
  service(childName: string, side: Side, origins: pulumi.Output<Origin[]>, settings: ChildSettings): S;
  /** The endpoint in `origin` that points at `service`, the service of `target`. */
  endpoint(
    childName: string,
    origin: NetworkSide,
    service: S,
    target: NetworkSide,
    settings: ChildSettings,
  ): E;
}

/** A component's children by key (as in its `phases` output). */
export interface Children<S, E> {
  services: Record<string, S>;
  endpoints: Record<string, E>;
}

/** The keys of a graph's children, each with the suffix of its name (`<component>-<suffix>`). */
function childKeys(graph: LinkGraph, targets: number[]) {
  const node = (i: number) => graph.nodes[i].key;
  const service = (i: number) => ({
    key: graph.serviceKey?.(i) ?? `${node(i)}-service`,
    suffix: `${node(i)}-service`,
  });
  const endpoint = ([from, to]: LinkEdge) => ({
    key: graph.endpointKey?.(from, to) ?? `${node(from)}-to-${node(to)}`,
    suffix: `${node(from)}-to-${node(to)}`,
  });
  return { services: targets.map(service), endpoints: graph.edges.map(endpoint) };
}

/**
 * Checks the component's rules (now on the IDs already known, again once every ID is), then
 * registers a service in each network a link points to and an endpoint per link. Nothing that
 * depends on the networks is registered when a rule fails: it fails on `parent`.
 */
export function buildChildren<S, E>(
  parent: pulumi.Resource,
  name: string,
  args: LinkSettings & { displayNamePrefix?: string },
  graph: LinkGraph,
  factory: ChildFactory<S, E>,
): Children<S, E> {
  const fail = (problems: (string | undefined)[]) => {
    const found = problems.filter((p): p is string => !!p);
    if (found.length > 0) throw new pulumi.ResourceError(found.join("\n"), parent);
  };
  fail(graph.problems(graph.nodes.map((n) => knownId(n.side.network))));
  const targets = graph.nodes.map((_, i) => i).filter((i) => graph.edges.some(([, to]) => to === i));
  const keys = childKeys(graph, targets);
  const { settings, problem } = childSettings(
    args,
    name,
    Object.fromEntries([...keys.services, ...keys.endpoints].map((c) => [c.key, c.suffix])),
  );
  fail([problem]);
  const origins = pulumi.all(graph.nodes.map((n) => originOf(n.label, n.side))).apply((list) => {
    fail(graph.problems(list.map((o) => o.network)));
    return list;
  });

  const made = new Map<number, S>();
  const services: Record<string, S> = {};
  targets.forEach((target, i) => {
    const { key, suffix } = keys.services[i];
    const from = graph.edges.filter(([, to]) => to === target).map(([f]) => f);
    const accepted = origins.apply((list) => from.map((f) => list[f]));
    services[key] = factory.service(`${name}-${suffix}`, graph.nodes[target].side, accepted, settings(key));
    made.set(target, services[key]);
  });
  const endpoints: Record<string, E> = {};
  graph.edges.forEach(([from, to], i) => {
    const { key, suffix } = keys.endpoints[i];
    const [origin, target] = [graph.nodes[from].side, graph.nodes[to].side];
    endpoints[key] = factory.endpoint(`${name}-${suffix}`, origin, made.get(to) as S, target, settings(key));
  });
  return { services, endpoints };
}

/** A component's status outputs: the last phase of each child by key, and whether every endpoint is READY. */
export function statusOf(
  children: Children<{ phase: pulumi.Output<string> }, { phase: pulumi.Output<string> }>,
) {
  return {
    phases: phasesOf({ ...children.services, ...children.endpoints }),
    ready: allReady(Object.values(children.endpoints)),
  };
}

/** The children of a TypeScript component: the dynamic resources, with the component's options. */
export function dynamicComponentChildren(
  component: pulumi.ComponentResource,
  name: string,
  args: LinkSettings & { displayNamePrefix?: string },
  opts: pulumi.ComponentResourceOptions | undefined,
  graph: LinkGraph,
): Children<ServicePlan, NetworkLinkEndpoint> {
  return buildChildren(component, name, args, graph, dynamicChildren(childOptions(component, opts)));
}

/** The TypeScript components' children: the dynamic resources, an endpoint pointing at its service's plan. */
export function dynamicChildren(owner: ChildOptions): ChildFactory<ServicePlan, NetworkLinkEndpoint> {
  return {
    service: (childName, side, origins, settings) => planService(owner, childName, side, origins, settings),
    endpoint: (childName, origin, plan, _target, settings) =>
      linkEndpoint(owner, childName, origin, plan, settings),
  };
}
