import * as pulumi from "@pulumi/pulumi";
import { validatePair } from "../components/bidirectional";
import { validateMesh } from "../components/mesh";
import { validateLink } from "../components/network-link";
import { allReady, childOptions, phasesOf, type ChildOptions } from "../components/shared";
import { NativeEndpoint, NativeService } from "./resources";
import { TOKENS } from "./schema";

// The components as the native provider constructs them for programs in any language. They make the
// same resources under the same names as the TypeScript components (provider/components), with the
// native resource types, and check the same rules with the same functions. The native schema has no
// `service` (bring your own service) on a side: a program passes IDs only.

type Inputs = Record<string, unknown>;
interface Side {
  environment: { id: string };
  network: { id: string };
}
interface Node {
  key: string;
  side: pulumi.Output<Side>;
}
type Edge = [from: number, to: number];

/** A component of the native schema: the resources it made, by output name. */
export class NativeComponent extends pulumi.ComponentResource {
  public state: Record<string, unknown> = {};
  /** What its children are registered with: this component as parent, and the request's retainOnDelete. */
  public readonly childOptions: ChildOptions;
  constructor(type: string, name: string, opts?: pulumi.ComponentResourceOptions) {
    super(type, name, {}, opts);
    this.childOptions = childOptions(this, opts);
  }

  /** Records what the builder made as the component's outputs. */
  finish(state: Record<string, unknown>): void {
    this.state = state;
    this.registerOutputs(state as pulumi.Inputs);
  }
}

function sideOf(value: unknown, label: string): pulumi.Output<Side> {
  return pulumi.output(value as pulumi.Input<Side>).apply((side) => {
    if (!side?.environment?.id || !side?.network?.id) {
      throw new Error(`${label} needs environment.id and network.id (env-… and n-…)`);
    }
    return { environment: { id: side.environment.id }, network: { id: side.network.id } };
  });
}

type ChildClass<R> = new (
  name: string,
  args: Record<string, unknown>,
  opts: pulumi.CustomResourceOptions,
) => R;

/**
 * Registers one child of a component on a turn of its own (setImmediate), and resolves with it. The
 * Node SDK records, with every resource, each frame of the synchronous call stack that registered it,
 * and the engine keeps them in the state; inside `construct` that was the whole builder and provider
 * call chain, with the plugin's long paths (about 900 bytes of the export per child). From here the
 * record is this one frame, which still says where the provider registered the child.
 */
function registerChild<R>(
  Child: ChildClass<R>,
  name: string,
  args: Record<string, unknown>,
  opts: pulumi.CustomResourceOptions,
): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    setImmediate(() => {
      try {
        resolve(new Child(name, args, opts));
      } catch (err) {
        reject(err);
      }
    });
  });
}

/**
 * One service in every network an edge points to, accepting the networks that point to it, and one
 * endpoint per edge. `check` sees every network ID once known; nothing is created when it throws.
 */
async function buildLinks(
  parent: NativeComponent,
  name: string,
  inputs: Inputs,
  nodes: Node[],
  edges: Edge[],
  check: (networks: string[]) => string | undefined,
) {
  const networks = pulumi.all(nodes.map((n) => n.side)).apply((sides) => {
    const problem = check(sides.map((s) => s.network.id));
    if (problem) throw new pulumi.ResourceError(problem, parent);
    return sides;
  });
  const prefix = (inputs.displayNamePrefix as string | undefined) ?? name;
  const settings = (suffix: string) => ({
    displayName: `${prefix}-${suffix}`,
    description: inputs.description as pulumi.Input<string> | undefined,
    readyTimeoutSeconds: inputs.readyTimeoutSeconds as pulumi.Input<number> | undefined,
  });
  const targets = [...new Set(edges.map(([, to]) => to))];
  const made = await Promise.all(
    targets.map((target) => {
      const key = nodes[target].key;
      const origins = edges.filter(([, to]) => to === target).map(([from]) => from);
      return registerChild(
        NativeService,
        `${name}-${key}-service`,
        {
          environment: networks.apply((s) => s[target].environment),
          network: networks.apply((s) => s[target].network),
          ...settings(`${key}-service`),
          // Networks, not environments: the narrowest grant that makes the link work.
          accept: { environments: [], networks: networks.apply((s) => origins.map((o) => s[o].network.id)) },
        },
        { ...parent.childOptions },
      );
    }),
  );
  const services = new Map<number, NativeService>(targets.map((target, i) => [target, made[i]]));
  const endpoints = await Promise.all(
    edges.map(([from, to]) => {
      const key = `${nodes[from].key}-to-${nodes[to].key}`;
      const service = services.get(to) as NativeService;
      return registerChild(
        NativeEndpoint,
        `${name}-${key}`,
        {
          environment: networks.apply((s) => s[from].environment),
          network: networks.apply((s) => s[from].network),
          networkLinkService: {
            id: service.id,
            environment: networks.apply((s) => s[to].environment.id),
            network: networks.apply((s) => s[to].network.id),
          },
          ...settings(key),
          allowPendingAccept: inputs.allowPendingAccept as pulumi.Input<boolean> | undefined,
        },
        { ...parent.childOptions },
      );
    }),
  );
  return { services, endpoints };
}

async function bidirectional(component: NativeComponent, name: string, inputs: Inputs) {
  const nodes = [
    { key: "a", side: sideOf(inputs.a, "a") },
    { key: "b", side: sideOf(inputs.b, "b") },
  ];
  const built = await buildLinks(
    component,
    name,
    inputs,
    nodes,
    [
      [0, 1],
      [1, 0],
    ],
    ([a, b]) => validatePair(a, b),
  );
  const [aToB, bToA] = built.endpoints;
  const aService = built.services.get(0) as NativeService;
  const bService = built.services.get(1) as NativeService;
  return {
    aService,
    bService,
    aToB,
    bToA,
    phases: phasesOf({ aService, bService, aToB, bToA }),
    ready: allReady([aToB, bToA]),
  };
}

async function networkLink(component: NativeComponent, name: string, inputs: Inputs) {
  const nodes = [
    { key: "origin", side: sideOf(inputs.origin, "origin") },
    { key: "target", side: sideOf(inputs.target, "target") },
  ];
  const built = await buildLinks(component, name, inputs, nodes, [[0, 1]], ([o, t]) => validateLink(o, t));
  const service = built.services.get(1) as NativeService;
  const endpoint = built.endpoints[0];
  return { service, endpoint, phases: phasesOf({ service, endpoint }), ready: allReady([endpoint]) };
}

async function mesh(component: NativeComponent, name: string, inputs: Inputs) {
  const list = (inputs.networks as { name?: string }[] | undefined) ?? [];
  const nodes = list.map((n, i) => ({ key: n.name ?? String(i), side: sideOf(n, `networks[${i}]`) }));
  const edges: Edge[] = nodes.flatMap((_, i) => nodes.flatMap((_, j) => (i === j ? [] : [[i, j] as Edge])));
  const check = (ids: string[]) =>
    validateMesh({
      networks: nodes.map((n, i) => ({ name: n.key, network: ids[i] })),
      existingLinkCount: inputs.existingLinkCount as number | undefined,
    }).join("\n") || undefined;
  const built = await buildLinks(component, name, inputs, nodes, edges, check);
  const services = Object.fromEntries([...built.services].map(([i, s]) => [nodes[i].key, s]));
  const endpoints = Object.fromEntries(
    edges.map(([from, to], k) => [`${nodes[from].key}-to-${nodes[to].key}`, built.endpoints[k]]),
  );
  const named = {
    ...Object.fromEntries(Object.entries(services).map(([key, s]) => [`${key}-service`, s])),
    ...endpoints,
  };
  return { services, endpoints, phases: phasesOf(named), ready: allReady(built.endpoints) };
}

const BUILDERS: Record<
  string,
  (c: NativeComponent, name: string, inputs: Inputs) => Promise<Record<string, unknown>>
> = {
  [TOKENS.bidirectional]: bidirectional,
  [TOKENS.networkLink]: networkLink,
  [TOKENS.mesh]: mesh,
};

/** Constructs a component of the native schema; the provider's `construct`. */
export async function constructComponent(
  type: string,
  name: string,
  inputs: Inputs,
  opts: pulumi.ComponentResourceOptions,
): Promise<NativeComponent> {
  const build = BUILDERS[type];
  if (!build) throw new Error(`unknown component type ${type}`);
  const component = new NativeComponent(type, name, opts);
  component.finish(await build(component, name, inputs));
  return component;
}
