import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { ApiError, isConflict, isNotFound, isTransient } from "../client/errors";
import { NetworkingClient } from "../client/networking";
import { NetworkLinkService as WireService } from "../client/schemas";
import { CredentialSource, sameCredentialSource } from "../credential-source";
import { credentialSourceSchema } from "./credential-schema";
import { waitFor, WaitFailedError, WaitTimeoutError } from "../wait";
import {
  announce,
  changedNameOrDescription,
  readOrGone,
  statusError,
  unlessNotFound,
  waitGone,
  withoutProvider,
} from "./common";
import { createOnce } from "./create";
import {
  compact,
  DEFAULT_DELETE_TIMEOUT_SECONDS,
  DEFAULT_READY_TIMEOUT_SECONDS,
  initErrorProperties,
  ProviderContext,
  ResourceInitError,
  sleep,
} from "./context";
import {
  asSet,
  description,
  displayName,
  environmentId,
  networkId,
  sameSet,
  serviceId,
  timeoutSeconds,
  uniqueIds,
  checkInputs,
} from "./validation";

export const serviceInputsSchema = z.object({
  environment: z.object(
    { id: environmentId },
    { error: "is required: { id: 'env-…' }, the environment of the target network" },
  ),
  network: z.object(
    { id: networkId },
    { error: "is required: { id: 'n-…' }, the target network that hosts the service" },
  ),
  displayName,
  description: description.optional(),
  accept: z
    .object({
      environments: uniqueIds(environmentId, "environment IDs").optional(),
      networks: uniqueIds(networkId, "network IDs").optional(),
    })
    .optional(),
  adoptExistingId: serviceId.optional(),
  readyTimeoutSeconds: timeoutSeconds.optional(),
  deleteTimeoutSeconds: timeoutSeconds.optional(),
  credentials: credentialSourceSchema.optional(),
});

/** Inputs as the provider sees them, resolved. */
export type ServiceInputs = z.infer<typeof serviceInputsSchema>;

/** What the state records: the inputs plus what the API reports. */
export interface ServiceOutputs extends ServiceInputs {
  resourceName: string;
  phase: string;
  errorCode?: string;
  errorMessage?: string;
}

type Updatable = "displayName" | "description" | "accept";

/** Service-side provider logic, independent of how Pulumi loads it. */
export class NetworkLinkServiceProvider implements pulumi.dynamic.ResourceProvider<
  ServiceInputs,
  ServiceOutputs
> {
  constructor(private readonly context: ProviderContext) {}

  async check(
    olds: Partial<ServiceOutputs>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.CheckResult<ServiceInputs>> {
    // Missing credentials fail at preview, before anything else happens.
    this.context.client(news.credentials as CredentialSource | undefined);
    const checked = checkInputs(serviceInputsSchema, withoutProvider(news));
    if (checked.failures) return { failures: checked.failures };
    const dropped = droppedAcceptIds(olds, checked.inputs);
    if (dropped.length > 0) {
      this.context.warn(
        `Removing ${dropped.join(", ")} from the accept list of network link service ${olds.adoptExistingId ?? ""}`.trim() +
          ` disconnects their endpoints for good: they go DISCONNECTED and must be deleted before that pair can link again.`,
      );
    }
    return { inputs: checked.inputs };
  }

  async diff(_id: string, olds: ServiceOutputs, news: ServiceInputs): Promise<pulumi.dynamic.DiffResult> {
    return diffService(olds, news);
  }

  async create(inputs: ServiceInputs): Promise<pulumi.dynamic.CreateResult<ServiceOutputs>> {
    const client = this.context.client(inputs.credentials);
    const created = inputs.adoptExistingId
      ? await this.adopt(client, inputs)
      : await this.post(client, inputs);
    announce(this.context, "service", created.id, inputs);
    const ready = await this.waitReady(client, inputs, created);
    return { id: ready.id, outs: toOutputs(inputs, ready) };
  }

  async read(id: string, props?: ServiceOutputs): Promise<pulumi.dynamic.ReadResult<ServiceOutputs>> {
    const client = this.context.client(props?.credentials);
    return readOrGone(
      "service",
      id,
      props?.environment?.id,
      (env) => client.getService(env, id),
      (service) => toOutputs(props as ServiceOutputs, service),
    );
  }

  async update(
    id: string,
    olds: ServiceOutputs,
    news: ServiceInputs,
  ): Promise<pulumi.dynamic.UpdateResult<ServiceOutputs>> {
    const client = this.context.client(news.credentials);
    const changed = changedUpdatable(olds, news);
    let service: WireService;
    if (changed.length === 0) {
      service = await client.getService(news.environment.id, id);
    } else {
      service = await client.updateService(id, {
        spec: compact({
          environment: { id: news.environment.id },
          display_name: changed.includes("displayName") ? news.displayName : undefined,
          description: changed.includes("description") ? (news.description ?? "") : undefined,
          accept: changed.includes("accept") ? acceptBody(news) : undefined,
        }),
      });
    }
    return { outs: toOutputs(news, service) };
  }

  async delete(id: string, props: ServiceOutputs): Promise<void> {
    const client = this.context.client(props.credentials);
    const environment = props.environment.id;
    const deadline = Date.now() + (props.deleteTimeoutSeconds ?? DEFAULT_DELETE_TIMEOUT_SECONDS) * 1000;
    // Endpoints still deprovisioning keep the service busy for a while: retry until they are gone.
    for (let attempt = 1; ; attempt++) {
      try {
        await client.deleteService(environment, id);
        break;
      } catch (err) {
        if (isNotFound(err)) return;
        if (!isConflict(err) || Date.now() > deadline) {
          throw isConflict(err) ? await blockedDeleteError(client, environment, id, err as ApiError) : err;
        }
        this.context.info(
          `network link service ${id}: waiting for its endpoints to be deleted before deleting it`,
        );
        await sleep(Math.min(10_000, 1000 * attempt));
      }
    }
    await waitGone(this.context, `network link service ${id} to be deleted`, deadline, () =>
      client.pollService(environment, id),
    );
  }

  private async post(client: NetworkingClient, inputs: ServiceInputs): Promise<WireService> {
    return createOnce({
      post: () =>
        client.createService({
          spec: compact({
            environment: { id: inputs.environment.id },
            network: { id: inputs.network.id },
            display_name: inputs.displayName,
            description: inputs.description,
            accept: inputs.accept ? acceptBody(inputs) : undefined,
          }),
        }),
      findOurs: async () =>
        (await servicesInNetwork(client, inputs)).find((s) => s.spec.display_name === inputs.displayName),
      conflict: async (err) => {
        const existing = (await servicesInNetwork(client, inputs))[0];
        if (!existing) return err;
        return new Error(
          `network ${inputs.network.id} already has network link service ${existing.id} ('${existing.spec.display_name ?? ""}'), ` +
            `and a network holds at most one. This stack has no record of it. If an interrupted \`pulumi up\` of this ` +
            `stack made it (a pending create you cleared), or to manage it here, set adoptExistingId: "${existing.id}" ` +
            `on this resource; or point your endpoints at it instead of creating a service. (${err.message})`,
        );
      },
      retryDelayMs: this.context.recreateDelayMs,
    });
  }

  private async adopt(client: NetworkingClient, inputs: ServiceInputs): Promise<WireService> {
    const id = inputs.adoptExistingId as string;
    const existing = await unlessNotFound(() => client.getService(inputs.environment.id, id));
    if (!existing) {
      throw new Error(
        `adoptExistingId: network link service ${id} was not found in environment ${inputs.environment.id}; check both IDs.`,
      );
    }
    if (existing.spec.network.id !== inputs.network.id) {
      throw new Error(
        `adoptExistingId: network link service ${id} is in network ${existing.spec.network.id}, not in network ${inputs.network.id}; ` +
          `set network.id to ${existing.spec.network.id} or adopt the service of network ${inputs.network.id}.`,
      );
    }
    const changed = changedUpdatable(toOutputs(inputs, existing), inputs);
    if (changed.length === 0) return existing;
    this.context.info(
      `network link service ${id}: adopting it and updating ${changed.join(", ")} to match the program`,
    );
    return client.updateService(id, {
      spec: compact({
        environment: { id: inputs.environment.id },
        display_name: inputs.displayName,
        description: inputs.description,
        accept: changed.includes("accept") ? acceptBody(inputs) : undefined,
      }),
    });
  }

  private async waitReady(
    client: NetworkingClient,
    inputs: ServiceInputs,
    created: WireService,
  ): Promise<WireService> {
    const timeoutMs = (inputs.readyTimeoutSeconds ?? DEFAULT_READY_TIMEOUT_SECONDS) * 1000;
    try {
      return await waitFor({
        description: `network link service ${created.id} to become READY`,
        initial: created,
        poll: () => client.pollService(inputs.environment.id, created.id),
        judge: (s) =>
          s.status.phase === "READY"
            ? "done"
            : ["FAILED", "ERROR"].includes(s.status.phase)
              ? "fail"
              : "wait",
        phaseOf: (s) => s.status.phase,
        timeoutMs,
        schedule: this.context.poll,
        isTransient,
        onProgress: (m) => this.context.info(m),
      });
    } catch (err) {
      if (err instanceof WaitFailedError || err instanceof WaitTimeoutError) {
        const last = (err.last as WireService | undefined) ?? created;
        const apiMessage = statusError(last.status);
        throw new ResourceInitError(
          `${err.message}${apiMessage}. It is recorded in the state; \`pulumi up\` retries it and \`pulumi destroy\` deletes it.`,
          created.id,
          initErrorProperties(inputs, toOutputs(inputs, last)),
        );
      }
      throw err;
    }
  }
}

/** The diff of two service states; exported for table tests. */
export function diffService(olds: ServiceOutputs, news: ServiceInputs): pulumi.dynamic.DiffResult {
  const replaces: string[] = [];
  if (olds.environment?.id !== news.environment.id) replaces.push("environment");
  if (olds.network?.id !== news.network.id) replaces.push("network");
  if (["FAILED", "ERROR"].includes(olds.phase)) replaces.push("phase");
  const changed = changedUpdatable(olds, news);
  return {
    // A new credential source changes no API field, but its names must reach the state for later steps.
    changes:
      replaces.length > 0 || changed.length > 0 || !sameCredentialSource(olds.credentials, news.credentials),
    replaces,
    // A network holds one service: a replacement in the same network must delete the old one first.
    deleteBeforeReplace: replaces.length > 0 && olds.network?.id === news.network.id,
    stables: ["environment", "network"].filter((p) => !replaces.includes(p)),
  };
}

function changedUpdatable(olds: Partial<ServiceOutputs>, news: ServiceInputs): Updatable[] {
  const changed: Updatable[] = changedNameOrDescription(olds, news);
  if (
    !sameSet(olds.accept?.environments, news.accept?.environments) ||
    !sameSet(olds.accept?.networks, news.accept?.networks)
  ) {
    changed.push("accept");
  }
  return changed;
}

function droppedAcceptIds(olds: Partial<ServiceOutputs>, news: ServiceInputs): string[] {
  if (!olds.accept) return [];
  const listed = (ids: unknown) => (Array.isArray(ids) ? (ids as string[]) : []);
  // An accept list not known yet (computed from another resource) says nothing about removals.
  if (!Array.isArray(news.accept?.environments ?? []) || !Array.isArray(news.accept?.networks ?? []))
    return [];
  const kept = new Set([...listed(news.accept?.environments), ...listed(news.accept?.networks)]);
  return [...(olds.accept.environments ?? []), ...(olds.accept.networks ?? [])].filter((id) => !kept.has(id));
}

function acceptBody(inputs: ServiceInputs) {
  return { environments: asSet(inputs.accept?.environments), networks: asSet(inputs.accept?.networks) };
}

async function servicesInNetwork(client: NetworkingClient, inputs: ServiceInputs): Promise<WireService[]> {
  return client.listServices(inputs.environment.id, { network: [inputs.network.id] });
}

async function blockedDeleteError(
  client: NetworkingClient,
  environment: string,
  id: string,
  err: ApiError,
): Promise<Error> {
  let blocking: string[] = [];
  try {
    blocking = (await client.listServiceAssociations(environment, id)).map(
      (a) => a.spec.network_link_endpoint ?? a.id,
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

function toOutputs(inputs: ServiceInputs | ServiceOutputs, service: WireService): ServiceOutputs {
  return compact({
    ...withoutProvider(inputs),
    environment: { id: service.spec.environment.id },
    network: { id: service.spec.network.id },
    displayName: service.spec.display_name ?? inputs.displayName,
    description: service.spec.description ?? "",
    accept: {
      environments: asSet(service.spec.accept?.environments),
      networks: asSet(service.spec.accept?.networks),
    },
    resourceName: service.metadata?.resource_name ?? "",
    phase: service.status.phase,
    errorCode: service.status.error_code ?? undefined,
    errorMessage: service.status.error_message ?? undefined,
  }) as ServiceOutputs;
}
