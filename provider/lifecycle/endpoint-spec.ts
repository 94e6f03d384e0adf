// What sets a network link endpoint apart (its inputs' schema, phases, slot, messages); its provider.
import { z } from "zod";
import { NetworkLinkEndpoint as WireEndpoint } from "../client/schemas";
import { PhaseVerdict } from "../wait";
import { nameOf } from "./create-once";
import { checkServiceFirst } from "./endpoint-preflight";
import { baseOutputs, changedNameOrDescription, diffOf, LinkLifecycle, objectLabel } from "./lifecycle";
import { compact, isUnknown } from "./property-values";
import { ProviderContext } from "./provider-context";
import { Outputs, LifecycleSpec } from "./lifecycle-spec";
import {
  commonInputs,
  credentialSourceSchema,
  endpointId,
  environmentId,
  idReference,
  networkId,
  serviceId,
} from "./validation";

export const endpointInputsSchema = z
  .strictObject({
    environment: idReference("environment", "the environment of the origin network"),
    network: idReference("network", "the origin network that hosts the endpoint"),
    networkLinkService: z.strictObject(
      {
        id: serviceId,
        environment: environmentId.optional(),
        network: networkId.optional(),
        credentials: credentialSourceSchema.optional(),
      },
      {
        error:
          "is required: the NetworkLinkService resource, or { id: 'nls-…' } of the target network's service",
      },
    ),
    ...commonInputs,
    allowPendingAccept: z.boolean({ error: "must be true or false" }).optional(),
    adoptExistingId: endpointId.optional(),
  })
  .superRefine((inputs, ctx) => {
    const serviceNetwork = inputs.networkLinkService.network;
    if (serviceNetwork && !isUnknown(serviceNetwork) && serviceNetwork === inputs.network.id) {
      // On the network itself, so a preview sees it while the service's ID is still unknown.
      ctx.addIssue({
        code: "custom",
        path: ["networkLinkService", "network"],
        message:
          `is the endpoint's own network ${inputs.network.id}: a link goes from an origin network ` +
          `(the endpoint's) to another, target network (the service's). Use the other network's service.`,
      });
    }
  });

export type EndpointInputs = z.infer<typeof endpointInputsSchema>;
export type EndpointOutputs = Outputs<EndpointInputs>;

/** Phases after which the endpoint can only be deleted. */
export const TERMINAL_PHASES = ["FAILED", "EXPIRED", "DISCONNECTED"];

/** How a wait for an endpoint judges a phase. READY and INACTIVE both mean the link exists. */
export function endpointVerdict(phase: string, allowPendingAccept: boolean): PhaseVerdict {
  if (phase === "READY" || phase === "INACTIVE") return "done";
  if (phase === "PENDING_ACCEPT") return allowPendingAccept ? "done" : "wait";
  if (TERMINAL_PHASES.includes(phase) || phase === "DEPROVISIONING" || phase === "DISCONNECTING")
    return "fail";
  return "wait";
}

/** What sets a network link endpoint apart; the lifecycle does the rest. */
export const endpointSpec: LifecycleSpec<EndpointInputs, WireEndpoint> = {
  noun: "endpoint",
  typeName: "NetworkLinkEndpoint",
  schema: endpointInputsSchema as unknown as z.ZodType<EndpointInputs>,
  replaceKeys: ["environment", "network", "networkLinkService"],
  collection: "endpoint",
  // Its POST holds one of the engine's slots (bench P3: waves of 8); a READY poll of a service queued
  // after it only adds creates that wait behind it, so it is not overtaken by them (ties go in order).
  createUrgency: "release",
  createFields: (inputs) => ({ network_link_service: { id: inputs.networkLinkService.id } }),
  slot: {
    filter: (inputs) => ({ networkLinkService: [inputs.networkLinkService.id] }),
    holds: (endpoint, inputs) => endpoint.spec.network_link_service.id === inputs.networkLinkService.id,
  },
  changedFields: changedNameOrDescription,
  // One endpoint per (network, service): a replacement for the same pair must delete the old one first.
  sameSlot: (olds, news) =>
    olds.network?.id === news.network.id && olds.networkLinkService?.id === news.networkLinkService.id,
  isTerminal: (phase) => TERMINAL_PHASES.includes(phase),
  verdict: (phase, inputs) => endpointVerdict(phase, inputs.allowPendingAccept === true),
  label: (inputs, id) =>
    objectLabel(
      "endpoint",
      inputs,
      id,
      // At preview a service made by the same program has no ID yet: say so rather than show a placeholder.
      inputs.networkLinkService?.id
        ? `to service ${isUnknown(inputs.networkLinkService.id) ? "(not created yet)" : inputs.networkLinkService.id}`
        : undefined,
    ),
  outputs: (inputs, endpoint) =>
    compact({
      ...baseOutputs(inputs, endpoint),
      networkLinkService: compact({
        ...inputs.networkLinkService,
        id: endpoint.spec.network_link_service.id,
      }),
    }) as EndpointOutputs,
  slotTaken: (existing, inputs) =>
    `network ${inputs.network.id} already has endpoint ${nameOf(existing)} to service ${inputs.networkLinkService.id}; ` +
    `a network holds one endpoint per service`,
  adoptMismatches: (existing, inputs) =>
    [
      existing.spec.network.id !== inputs.network.id
        ? `network ${existing.spec.network.id} (inputs say ${inputs.network.id})`
        : "",
      existing.spec.network_link_service.id !== inputs.networkLinkService.id
        ? `service ${existing.spec.network_link_service.id} (inputs say ${inputs.networkLinkService.id})`
        : "",
    ].filter(Boolean),
  beforePost: checkServiceFirst,
  settledWarning: (endpoint, inputs) => {
    if (endpoint.status.phase === "INACTIVE") {
      return (
        `INACTIVE: the link exists, but a network on either side holds no Kafka cluster yet. ` +
        `It turns READY by itself once both networks have a cluster.`
      );
    }
    if (endpoint.status.phase === "PENDING_ACCEPT") {
      return `waits in PENDING_ACCEPT until service ${inputs.networkLinkService.id} accepts environment ${inputs.environment.id} or network ${inputs.network.id}.`;
    }
    return undefined;
  },
  waitHint: (last, inputs) =>
    last.status.phase === "PENDING_ACCEPT"
      ? `. Service ${inputs.networkLinkService.id} has not accepted environment ${inputs.environment.id} or network ${inputs.network.id}: ` +
        `add one of them to its accept list, or set allowPendingAccept: true to finish without waiting`
      : "",
};

/** The endpoint provider: the one lifecycle, run for endpoints. */
export class NetworkLinkEndpointProvider extends LinkLifecycle<EndpointInputs, WireEndpoint> {
  constructor(context: ProviderContext) {
    super(endpointSpec, context);
  }
}

/** The diff of two endpoint states; exported for table tests. */
export function diffEndpoint(olds: EndpointOutputs, news: EndpointInputs) {
  return diffOf(endpointSpec, olds, news);
}
