// The components as the native provider constructs them: inputs to graphs, and the native factory.
import * as pulumi from "@pulumi/pulumi";
import { bidirectionalGraph } from "../components/bidirectional";
import {
  buildChildren,
  statusOf,
  type ChildFactory,
  type Children,
  type LinkGraph,
} from "../components/children";
import { meshGraph, meshOutputs } from "../components/mesh";
import { networkLinkGraph } from "../components/network-link";
import {
  childOptions,
  createdServiceArgs,
  endpointArgs,
  idOf,
  type ChildOptions,
  type NetworkSide,
} from "../components/shared";
import { NativeEndpoint, NativeService } from "./resources";
import { TOKENS } from "./schema";

// The components as the native provider constructs them for programs in any language: the builder
// of provider/components makes their children, with the native resource types, under the same names
// and rules as the TypeScript components. The native schema has no `service` (bring your own
// service), `credentials` or `adoptExistingIds`: a program passes IDs only.

type Inputs = Record<string, unknown>;

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

/** A side as the engine sent it: a plain object when known, else its parts as outputs. */
function sideOf(value: unknown): NetworkSide {
  if (value && typeof value === "object" && !pulumi.Output.isInstance(value)) return value as NetworkSide;
  const side = pulumi.output(value as pulumi.Input<NetworkSide | undefined>);
  return {
    environment: side.apply((s) => s?.environment),
    network: side.apply((s) => s?.network),
  } as NetworkSide;
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

/** Inputs the native resources do not declare (the native schema has no credential sources). */
const withoutCredentials = ({ credentials: _, ...args }: { credentials?: unknown }) => args;

/** The native provider's children: native resources, each registered on a turn of its own. */
function nativeChildren(
  parent: NativeComponent,
): ChildFactory<Promise<NativeService>, Promise<NativeEndpoint>> {
  const opts = { ...parent.childOptions };
  // Endpoints are registered one after another, in the order the builder asks for them.
  let previous: Promise<unknown> = Promise.resolve();
  return {
    service: (childName, side, origins, settings) =>
      registerChild(
        NativeService,
        childName,
        withoutCredentials(createdServiceArgs(parent, childName, side, origins, settings)),
        opts,
      ),
    endpoint: (childName, origin, service, target, settings) => {
      const endpoint = Promise.all([service, previous]).then(([made]) => {
        const networkLinkService = {
          id: made.id,
          environment: idOf(target.environment),
          network: idOf(target.network),
        };
        const args = { ...withoutCredentials(endpointArgs(origin, settings)), networkLinkService };
        return registerChild(NativeEndpoint, childName, args, opts);
      });
      previous = endpoint.catch(() => undefined);
      return endpoint;
    },
  };
}

/** Each native component: its graph from the request's inputs, and its outputs from its children. */
const COMPONENTS: Record<
  string,
  {
    graph(inputs: Inputs): LinkGraph;
    outputs(graph: LinkGraph, children: Children<NativeService, NativeEndpoint>): Record<string, unknown>;
  }
> = {
  [TOKENS.networkLink]: {
    graph: (inputs) => networkLinkGraph({ origin: sideOf(inputs.origin), target: sideOf(inputs.target) }),
    outputs: (_, children) => ({ ...children.services, ...children.endpoints }),
  },
  [TOKENS.bidirectional]: {
    graph: (inputs) => bidirectionalGraph({ a: sideOf(inputs.a), b: sideOf(inputs.b) }),
    outputs: (_, children) => ({ ...children.services, ...children.endpoints }),
  },
  [TOKENS.mesh]: {
    graph: (inputs) =>
      meshGraph({
        networks: ((inputs.networks as { name?: string }[] | undefined) ?? []).map((n) => ({
          ...sideOf(n),
          name: n?.name,
        })),
        existingLinkCount: inputs.existingLinkCount as number | undefined,
      }),
    outputs: meshOutputs,
  },
};

/** Waits for every child of a component to be registered. */
async function registered<S, E>(children: Children<Promise<S>, Promise<E>>): Promise<Children<S, E>> {
  const all = async <T>(record: Record<string, Promise<T>>) =>
    Object.fromEntries(
      await Promise.all(Object.entries(record).map(async ([k, v]) => [k, await v] as const)),
    );
  return { services: await all(children.services), endpoints: await all(children.endpoints) };
}

/** Constructs a component of the native schema; the provider's `construct`. */
export async function constructComponent(
  type: string,
  name: string,
  inputs: Inputs,
  opts: pulumi.ComponentResourceOptions,
): Promise<NativeComponent> {
  const spec = COMPONENTS[type];
  if (!spec) throw new Error(`unknown component type ${type}`);
  const component = new NativeComponent(type, name, opts);
  const graph = spec.graph(inputs);
  const children = await registered(buildChildren(component, name, inputs, graph, nativeChildren(component)));
  component.finish({ ...spec.outputs(graph, children), ...statusOf(children) });
  return component;
}
