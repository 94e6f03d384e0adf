// What sets a network link service apart (its inputs' schema, accept list, delete rules); its provider.
import { z } from "zod";
import { ApiError } from "../client/errors";
import { NetworkingClient } from "../client/networking";
import { NetworkLinkService as WireService } from "../client/schemas";
import { nameOf } from "./create-once";
import { baseOutputs, changedNameOrDescription, diffOf, LinkLifecycle, objectLabel } from "./lifecycle";
import { asSet, compact, sameSet } from "./property-values";
import { ProviderContext } from "./provider-context";
import { Outputs, LifecycleSpec } from "./lifecycle-spec";
import { acceptPolicy, commonInputs, idReference, serviceId } from "./validation";

export const serviceInputsSchema = z.strictObject({
  environment: idReference("environment", "the environment of the target network"),
  network: idReference("network", "the target network that hosts the service"),
  ...commonInputs,
  accept: acceptPolicy.optional(),
  adoptExistingId: serviceId.optional(),
});

/** Inputs as the provider sees them, resolved. */
export type ServiceInputs = z.infer<typeof serviceInputsSchema>;

/** What the state records: the inputs plus what the API reports. */
export type ServiceOutputs = Outputs<ServiceInputs>;

const FAILED_PHASES = ["FAILED", "ERROR"];

/** What sets a network link service apart; the lifecycle does the rest. */
export const serviceSpec: LifecycleSpec<ServiceInputs, WireService> = {
  noun: "service",
  typeName: "NetworkLinkService",
  schema: serviceInputsSchema as z.ZodType<ServiceInputs>,
  replaceKeys: ["environment", "network"],
  collection: "service",
  pollUrgency: "release",
  createUrgency: "start",
  createFields: (inputs) => ({ accept: inputs.accept ? acceptBody(inputs) : undefined }),
  updateFields: (inputs, changed) => ({
    accept: changed.includes("accept") ? acceptBody(inputs) : undefined,
  }),
  changedFields(olds, news) {
    const changed = changedNameOrDescription(olds, news);
    if (
      !sameSet(olds.accept?.environments, news.accept?.environments) ||
      !sameSet(olds.accept?.networks, news.accept?.networks)
    ) {
      changed.push("accept");
    }
    return changed;
  },
  // A network holds one service: a replacement in the same network must delete the old one first.
  sameSlot: (olds, news) => olds.network?.id === news.network.id,
  isTerminal: (phase) => FAILED_PHASES.includes(phase),
  verdict: (phase) => (phase === "READY" ? "done" : FAILED_PHASES.includes(phase) ? "fail" : "wait"),
  label: (inputs, id) => objectLabel("service", inputs, id),
  outputs: (inputs, service) =>
    compact({
      ...baseOutputs(inputs, service),
      accept: {
        environments: asSet(service.spec.accept?.environments),
        networks: asSet(service.spec.accept?.networks),
      },
    }) as ServiceOutputs,
  slotTaken: (existing, inputs) =>
    `network ${inputs.network.id} already has network link service ${nameOf(existing)}, and a network holds at most one`,
  slotAlternative: ", or point your endpoints at it instead of creating a service",
  adoptMismatches: (existing, inputs) =>
    existing.spec.network.id !== inputs.network.id
      ? [`network ${existing.spec.network.id} (inputs say ${inputs.network.id})`]
      : [],
  checkWarnings: droppedAcceptWarning,
  blockersLeaving: endpointsLeaving,
  deleteBlocked: blockedDeleteError,
  deleteWaitReason: "waiting for its endpoints to be deleted before deleting it",
};

/** The service provider: the one lifecycle, run for services. */
export class NetworkLinkServiceProvider extends LinkLifecycle<ServiceInputs, WireService> {
  constructor(context: ProviderContext) {
    super(serviceSpec, context);
  }
}

/** The diff of two service states; exported for table tests. */
export function diffService(olds: ServiceOutputs, news: ServiceInputs) {
  return diffOf(serviceSpec, olds, news);
}

function acceptBody(inputs: ServiceInputs) {
  return { environments: asSet(inputs.accept?.environments), networks: asSet(inputs.accept?.networks) };
}

function droppedAcceptWarning(olds: Partial<ServiceOutputs>, news: ServiceInputs): string[] {
  if (!olds.accept) return [];
  const listed = (ids: unknown) => (Array.isArray(ids) ? (ids as string[]) : []);
  // An accept list not known yet (computed from another resource) says nothing about removals.
  if (!Array.isArray(news.accept?.environments ?? []) || !Array.isArray(news.accept?.networks ?? []))
    return [];
  const kept = new Set([...listed(news.accept?.environments), ...listed(news.accept?.networks)]);
  const dropped = [...(olds.accept.environments ?? []), ...(olds.accept.networks ?? [])].filter(
    (id) => !kept.has(id),
  );
  if (dropped.length === 0) return [];
  return [
    `Removing ${dropped.join(", ")} from the accept list of ${serviceSpec.label(news)} disconnects ` +
      `their endpoints for good: they go DISCONNECTED and must be deleted before that pair can link again.`,
  ];
}

/** Phases of an endpoint on its way out: a service it holds can be deleted once it is gone. */
const LEAVING_PHASES = ["DEPROVISIONING", "DISCONNECTING"];

/** Whether any endpoint that holds the service is being deleted; undefined when that cannot be read. */
async function endpointsLeaving(client: NetworkingClient, environment: string, id: string) {
  try {
    const associations = await client.listServiceAssociations(environment, id);
    // None listed while the delete is refused: they are just going, or the list lags. Keep trying.
    if (associations.length === 0) return true;
    return associations.some((a) => LEAVING_PHASES.includes(a.status.phase));
  } catch {
    return undefined;
  }
}

async function blockedDeleteError(client: NetworkingClient, environment: string, id: string, err: ApiError) {
  let blocking: string[] = [];
  try {
    blocking = (await client.listServiceAssociations(environment, id)).map(
      (a) => `${a.spec.network_link_endpoint ?? a.id} (${a.status.phase})`,
    );
  } catch {
    // The 409's own detail still says why.
  }
  const which =
    blocking.length > 0 ? `endpoints ${blocking.join(", ")} still use it` : "endpoints still use it";
  return new Error(
    `network link service ${id} cannot be deleted: ${which}. Delete those endpoints first (in their own stacks, or remove them from this program). (${err.message})`,
  );
}
