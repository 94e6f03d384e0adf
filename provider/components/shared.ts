// What the components share: limits, the shape of a side, ID helpers, the accept-list plan.
import * as pulumi from "@pulumi/pulumi";
import { NetworkLinkEndpoint } from "../resources/endpoint";
import type { CredentialSource } from "../credential-source";
import { NetworkLinkService } from "../resources/service";
import { LIMITS } from "../lifecycle/validation";

// What the three components share: the limits, the shape of a side, ID helpers, and the check that
// an existing service admits the networks that will connect to it.

/** Endpoints one network may hold (each is one outgoing link). */
export const MAX_ENDPOINTS_PER_NETWORK = 5;
/** Network links (endpoints) one organization may hold, counting every environment. */
export const MAX_NETWORK_LINKS_PER_ORGANIZATION = 20;
/** Network link services one network may hold. */
export const MAX_SERVICES_PER_NETWORK = 1;

/** A reference with an ID: a plain `{ id: "…" }` or a resource such as `confluentcloud.Environment`. */
export type IdReference = pulumi.Input<{ id: pulumi.Input<string> }>;

/** A Private Link network and its environment. */
export interface NetworkSide {
  /**
   * The network's environment: `{ id: "env-…" }` (in TypeScript also a `confluentcloud.Environment`,
   * or anything with an `id`). Changing this replaces the resources in this network.
   */
  environment: IdReference;
  /**
   * The network: `{ id: "n-…" }` (in TypeScript also a `confluentcloud.Network`, or anything with an
   * `id`). It must be a Private Link network. Changing this replaces the resources in this network.
   */
  network: IdReference;
  /**
   * Where the API key for this network's resources comes from, when not from the stack's
   * `confluentcloud:cloudApiKey` / `confluentcloud:cloudApiSecret`: e.g. `{ apiKeyConfig:
   * "teamA:cloudApiKey", apiSecretConfig: "teamA:cloudApiSecret" }` for a key scoped to this network's
   * environment. The service and the endpoint in this network use it, and an endpoint elsewhere uses
   * it to check this network's service. Only the names are stored in the state.
   */
  credentials?: CredentialSource;
}

/** A network that may bring its own service instead of having one created. */
export interface Side extends NetworkSide {
  /**
   * An existing NetworkLinkService in this network (a network holds at most one). When given, no
   * service is created here; its accept list must already admit the environment or network of every
   * side that connects to it, or the component fails naming the service and the missing ID.
   */
  service?: NetworkLinkService;
}

/** Settings every link of a component shares. */
export interface LinkSettings {
  /** Free-text description of every service and endpoint created, up to 255 characters. */
  description?: pulumi.Input<string>;
  /**
   * Let `pulumi up` finish while an endpoint waits for its service to accept it. Default false: every
   * endpoint must be READY (or INACTIVE). Only useful with an existing service owned by someone else
   * (a side's `service`, in TypeScript).
   */
  allowPendingAccept?: pulumi.Input<boolean>;
  /** How long each service and endpoint waits for READY when created, 1 to 86400 seconds. Default 3600. */
  readyTimeoutSeconds?: pulumi.Input<number>;
  /**
   * Existing objects to adopt instead of creating them, by child: the keys are those of the
   * component's `phases` output (e.g. `{ aService: "nls-…", aToB: "nle-…" }`), the values their IDs.
   * For a `pulumi up` that was interrupted after the API made an object (the create error names its
   * ID), or objects made outside Pulumi. Only read when each child is created. An unknown key fails,
   * listing the valid ones.
   */
  adoptExistingIds?: Record<string, pulumi.Input<string>>;
}

/** The ID of a reference, as an Output (resources are never passed on whole: they would serialize as URNs). */
export function idOf(ref: IdReference): pulumi.Output<string> {
  if (pulumi.Output.isInstance(ref) || ref instanceof Promise) {
    return pulumi.output(ref).apply((r) => r?.id);
  }
  return pulumi.output((ref as { id: pulumi.Input<string> } | undefined)?.id as pulumi.Input<string>);
}

/** The ID when it is a plain string now (so rules can be checked before anything is registered). */
export function knownId(ref: IdReference): string | undefined {
  if (pulumi.Output.isInstance(ref) || ref instanceof Promise) return undefined;
  const id = (ref as { id: pulumi.Input<string> } | undefined)?.id;
  return typeof id === "string" ? id : undefined;
}

/** A side's IDs as plain `{ id }` objects, the shape the resources take. */
export function sideIds(side: NetworkSide): {
  environment: { id: pulumi.Output<string> };
  network: { id: pulumi.Output<string> };
} {
  return { environment: { id: idOf(side.environment) }, network: { id: idOf(side.network) } };
}

/** Who connects to a service: the origin's label (for messages) and IDs. */
export interface Origin {
  label: string;
  environment: string;
  network: string;
}

/**
 * Why an existing service cannot take these origins, or undefined when its accept list admits each
 * of them (by environment or by network, as the API does).
 */
export function acceptProblem(
  service: {
    name: string;
    id: string;
    accept?: { environments?: string[] | null; networks?: string[] | null };
  },
  origins: Origin[],
): string | undefined {
  const environments = service.accept?.environments ?? [];
  const networks = service.accept?.networks ?? [];
  const missing = origins.filter(
    (o) => !environments.includes(o.environment) && !networks.includes(o.network),
  );
  if (missing.length === 0) return undefined;
  const list = (ids: string[]) => (ids.length ? ids.join(", ") : "none");
  const who = missing
    .map((o) => `${o.label} (network ${o.network}, environment ${o.environment})`)
    .join("; ");
  return (
    `network link service '${service.name}' (${service.id}) does not admit ${who}: its accept list has ` +
    `environments [${list(environments)}] and networks [${list(networks)}]. Add ` +
    `${missing.map((o) => `'${o.network}'`).join(", ")} to its accept.networks, or leave out \`service\` ` +
    `so that the component creates the service`
  );
}

/**
 * Why a created service cannot accept these networks (the API takes at most
 * `LIMITS.acceptListItems` in `accept.networks`), naming them; undefined when it can.
 */
export function acceptListProblem(serviceName: string, networks: string[]): string | undefined {
  const max = LIMITS.acceptListItems;
  if (networks.length <= max) return undefined;
  const shown =
    networks.slice(0, 20).join(", ") + (networks.length > 20 ? `, … ${networks.length - 20} more` : "");
  return (
    `service '${serviceName}' would accept ${networks.length} networks (${shown}) in accept.networks, ` +
    `and the API takes at most ${max}: link fewer networks to it, or give that side an existing \`service\` ` +
    `that admits their environments through accept.environments`
  );
}

/** The networks a created service accepts; fails on the component, naming them, over the API's limit. */
function acceptedNetworks(parent: pulumi.Resource, serviceName: string, origins: Origin[]): string[] {
  const networks = origins.map((o) => o.network);
  const problem = acceptListProblem(serviceName, networks);
  if (problem) throw new pulumi.ResourceError(problem, parent);
  return networks;
}

/** The options a component's service or endpoint is registered with: its component, and whether to retain it. */
export interface ChildOptions {
  parent: pulumi.ComponentResource;
  retainOnDelete?: boolean;
}

/**
 * The options of a component's children: the component as parent and the component's own
 * `retainOnDelete`, so that removing a component marked retainOnDelete from the program leaves its
 * services and endpoints in Confluent Cloud. The Node SDK passes `protect` to children but not
 * `retainOnDelete`; the engine fills it in from the parent today, but older engines did not and
 * pulumi/pulumi#19654 asks to stop, and a deleted link stops the cluster links that use it.
 */
export function childOptions(
  parent: pulumi.ComponentResource,
  opts?: pulumi.ComponentResourceOptions,
): ChildOptions {
  return opts?.retainOnDelete === undefined ? { parent } : { parent, retainOnDelete: opts.retainOnDelete };
}

/** How a component makes the service of one network: created, or an existing one checked first. */
export interface ServicePlan {
  /** The service endpoints point at. */
  service: NetworkLinkService;
  /** True when the component created it. */
  created: boolean;
  /** What endpoints pass as `networkLinkService`. */
  reference:
    | NetworkLinkService
    | pulumi.Output<{ id: string; environment: string; network: string; credentials?: CredentialSource }>;
}

/**
 * What a component gives the service it creates in `side`, whichever front door registers it: the
 * side's IDs, the child's settings, and an accept list of the origins' networks.
 */
export function createdServiceArgs(
  parent: pulumi.Resource,
  childName: string,
  side: NetworkSide,
  origins: pulumi.Output<Origin[]>,
  settings: ChildSettings,
) {
  return {
    ...sideIds(side),
    displayName: settings.displayName,
    description: settings.description,
    // Networks, not environments: an environment grant would also admit every other network in it,
    // present and future. Naming the peer network is the narrowest grant that makes the link work.
    accept: {
      environments: [] as string[],
      networks: origins.apply((list) => acceptedNetworks(parent, childName, list)),
    },
    readyTimeoutSeconds: settings.readyTimeoutSeconds,
    adoptExistingId: settings.adoptExistingId,
    credentials: side.credentials,
  };
}

/** What a component gives the endpoint it creates in `origin`, besides the service it points at. */
export function endpointArgs(origin: NetworkSide, settings: ChildSettings) {
  return {
    ...sideIds(origin),
    displayName: settings.displayName,
    description: settings.description,
    allowPendingAccept: settings.allowPendingAccept,
    readyTimeoutSeconds: settings.readyTimeoutSeconds,
    adoptExistingId: settings.adoptExistingId,
    credentials: origin.credentials,
  };
}

/**
 * Creates the service of `side` accepting `origins`' networks, or checks `side.service`. An existing
 * service is referenced through its check, so no endpoint is created when the check fails.
 */
export function planService(
  owner: ChildOptions,
  childName: string,
  side: Side,
  origins: pulumi.Output<Origin[]>,
  settings: ChildSettings,
): ServicePlan {
  if (side.service) {
    const existing = side.service;
    const reference = pulumi
      .all([
        existing.urn,
        existing.id,
        existing.accept,
        existing.environment,
        existing.network,
        origins,
        idOf(side.network),
      ])
      .apply(([urn, id, accept, environment, network, list, sideNetwork]) => {
        const name = urn.split("::").pop() ?? urn;
        const problem =
          network.id !== sideNetwork
            ? `network link service '${name}' (${id}) is in network ${network.id}, not in ${sideNetwork}: ` +
              `give the service of network ${sideNetwork}, or leave out \`service\``
            : acceptProblem({ name, id, accept }, list);
        if (problem) throw new pulumi.ResourceError(problem, owner.parent);
        return { id, environment: environment.id, network: network.id, credentials: side.credentials };
      });
    return { service: existing, created: false, reference };
  }
  const service = new NetworkLinkService(
    childName,
    createdServiceArgs(owner.parent, childName, side, origins, settings),
    { ...owner },
  );
  // With its own key, the service is checked with that key before an endpoint is made for it.
  const reference = side.credentials
    ? pulumi.output({
        id: service.id,
        environment: service.environment.id,
        network: service.network.id,
        credentials: side.credentials,
      })
    : service;
  return { service, created: true, reference };
}

/** The endpoint in `origin`'s network pointing at `plan`'s service. */
export function linkEndpoint(
  owner: ChildOptions,
  childName: string,
  origin: NetworkSide,
  plan: ServicePlan,
  settings: ChildSettings,
): NetworkLinkEndpoint {
  return new NetworkLinkEndpoint(
    childName,
    { ...endpointArgs(origin, settings), networkLinkService: plan.reference },
    { ...owner },
  );
}

/** Resolves a side to plain IDs for messages and checks. */
export function originOf(label: string, side: NetworkSide): pulumi.Output<Origin> {
  return pulumi.all([idOf(side.environment), idOf(side.network)]).apply(([environment, network]) => {
    if (!environment || !network) {
      throw new Error(`${label} needs environment.id and network.id (env-… and n-…)`);
    }
    return { label, environment, network };
  });
}

/** Phases of named resources, as one record. */
export function phasesOf(
  resources: Record<string, { phase: pulumi.Output<string> }>,
): pulumi.Output<Record<string, string>> {
  const entries = Object.entries(resources).map(([key, r]) =>
    r.phase.apply((phase) => [key, phase] as const),
  );
  return pulumi.all(entries).apply((pairs) => Object.fromEntries(pairs));
}

/** True when every endpoint is READY. */
export function allReady(endpoints: { phase: pulumi.Output<string> }[]): pulumi.Output<boolean> {
  return pulumi.all(endpoints.map((e) => e.phase)).apply((phases) => phases.every((p) => p === "READY"));
}

/** The shared settings out of a component's args. */
export function linkSettings(args: LinkSettings): LinkSettings {
  return {
    description: args.description,
    allowPendingAccept: args.allowPendingAccept,
    readyTimeoutSeconds: args.readyTimeoutSeconds,
  };
}

/** What one child is made with: the shared settings, its display name and the ID it adopts. */
export type ChildSettings = LinkSettings & {
  displayName: pulumi.Input<string>;
  adoptExistingId?: pulumi.Input<string>;
};

/**
 * Per-child settings for a component whose children are keyed `keys` (as in its `phases` output);
 * undefined when `adoptExistingIds` names a key that is not a child, with the message saying so.
 */
export function childSettings(
  args: LinkSettings & { displayNamePrefix?: string },
  name: string,
  keys: Record<string, string>,
): { settings: (key: string) => ChildSettings; problem?: string } {
  const adopt = args.adoptExistingIds ?? {};
  const unknown = Object.keys(adopt).filter((key) => !(key in keys));
  const prefix = args.displayNamePrefix ?? name;
  return {
    problem:
      unknown.length > 0
        ? `adoptExistingIds names ${unknown.map((k) => `'${k}'`).join(", ")}, which ${unknown.length > 1 ? "are" : "is"} not a child of this component: ` +
          `use ${Object.keys(keys)
            .map((k) => `'${k}'`)
            .join(", ")}`
        : undefined,
    settings: (key) => ({
      ...linkSettings(args),
      displayName: `${prefix}-${keys[key]}`,
      adoptExistingId: adopt[key],
    }),
  };
}
