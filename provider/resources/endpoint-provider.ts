import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { ApiError, isNotFound, isTransient } from "../client/errors";
import { NetworkingClient } from "../client/networking";
import { NetworkLinkEndpoint as WireEndpoint, NetworkLinkService as WireService } from "../client/schemas";
import { CredentialSource, sameCredentialSource } from "../credential-source";
import { credentialSourceSchema } from "./credential-schema";
import { PhaseVerdict, waitFor, WaitFailedError, WaitTimeoutError } from "../wait";
import { createOnce } from "./create";
import {
  compact,
  DEFAULT_DELETE_TIMEOUT_SECONDS,
  DEFAULT_READY_TIMEOUT_SECONDS,
  initErrorProperties,
  ProviderContext,
  ResourceInitError,
} from "./context";
import {
  announce,
  changedNameOrDescription,
  readOrGone,
  statusError,
  unlessNotFound,
  waitGone,
  withoutProvider,
} from "./common";
import {
  description,
  displayName,
  endpointId,
  environmentId,
  networkId,
  serviceId,
  timeoutSeconds,
  checkInputs,
  isUnknown,
} from "./validation";

export const endpointInputsSchema = z
  .object({
    environment: z.object(
      { id: environmentId },
      { error: "is required: { id: 'env-…' }, the environment of the origin network" },
    ),
    network: z.object(
      { id: networkId },
      { error: "is required: { id: 'n-…' }, the origin network that hosts the endpoint" },
    ),
    networkLinkService: z.object(
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
    displayName,
    description: description.optional(),
    allowPendingAccept: z.boolean({ error: "must be true or false" }).optional(),
    adoptExistingId: endpointId.optional(),
    readyTimeoutSeconds: timeoutSeconds.optional(),
    deleteTimeoutSeconds: timeoutSeconds.optional(),
    credentials: credentialSourceSchema.optional(),
  })
  .superRefine((inputs, ctx) => {
    const serviceNetwork = inputs.networkLinkService.network;
    if (serviceNetwork && !isUnknown(serviceNetwork) && serviceNetwork === inputs.network.id) {
      ctx.addIssue({
        code: "custom",
        path: ["networkLinkService"],
        message:
          `points at a service in the endpoint's own network ${inputs.network.id}: a link goes from an origin network ` +
          `(the endpoint's) to another, target network (the service's). Use the other network's service.`,
      });
    }
  });

export type EndpointInputs = z.infer<typeof endpointInputsSchema>;

export interface EndpointOutputs extends EndpointInputs {
  resourceName: string;
  phase: string;
  errorCode?: string;
  errorMessage?: string;
}

/** Phases after which the endpoint can only be deleted. */
export const TERMINAL_PHASES = ["FAILED", "EXPIRED", "DISCONNECTED"];

export class NetworkLinkEndpointProvider implements pulumi.dynamic.ResourceProvider<
  EndpointInputs,
  EndpointOutputs
> {
  constructor(private readonly context: ProviderContext) {}

  async check(
    _olds: unknown,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.CheckResult<EndpointInputs>> {
    // Missing credentials fail at preview, before anything else happens.
    this.context.client(news.credentials as CredentialSource | undefined);
    const checked = checkInputs(endpointInputsSchema, withoutProvider(news));
    return checked.failures ? { failures: checked.failures } : { inputs: checked.inputs };
  }

  async diff(_id: string, olds: EndpointOutputs, news: EndpointInputs): Promise<pulumi.dynamic.DiffResult> {
    return diffEndpoint(olds, news);
  }

  async create(inputs: EndpointInputs): Promise<pulumi.dynamic.CreateResult<EndpointOutputs>> {
    const client = this.context.client(inputs.credentials);
    const created = inputs.adoptExistingId
      ? await this.adopt(client, inputs)
      : await this.post(client, inputs);
    announce(this.context, "endpoint", created.id, inputs);
    const settled = await this.waitSettled(client, inputs, created);
    return { id: settled.id, outs: toOutputs(inputs, settled) };
  }

  async read(id: string, props?: EndpointOutputs): Promise<pulumi.dynamic.ReadResult<EndpointOutputs>> {
    const client = this.context.client(props?.credentials);
    return readOrGone(
      "endpoint",
      id,
      props?.environment?.id,
      (env) => client.getEndpoint(env, id),
      (endpoint) => toOutputs(props as EndpointOutputs, endpoint),
    );
  }

  async update(
    id: string,
    olds: EndpointOutputs,
    news: EndpointInputs,
  ): Promise<pulumi.dynamic.UpdateResult<EndpointOutputs>> {
    const client = this.context.client(news.credentials);
    const changed = changedNameOrDescription(olds, news);
    const endpoint =
      changed.length === 0
        ? await client.getEndpoint(news.environment.id, id)
        : await client.updateEndpoint(id, {
            spec: compact({
              environment: { id: news.environment.id },
              display_name: changed.includes("displayName") ? news.displayName : undefined,
              description: changed.includes("description") ? news.description : undefined,
            }),
          });
    return { outs: toOutputs(news, endpoint) };
  }

  async delete(id: string, props: EndpointOutputs): Promise<void> {
    const client = this.context.client(props.credentials);
    const environment = props.environment.id;
    const deadline = Date.now() + (props.deleteTimeoutSeconds ?? DEFAULT_DELETE_TIMEOUT_SECONDS) * 1000;
    try {
      await client.deleteEndpoint(environment, id);
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    await waitGone(this.context, `network link endpoint ${id} to be deleted`, deadline, () =>
      client.pollEndpoint(environment, id),
    );
  }

  /** Service before endpoint: everything about the service that would make the POST fail or hang. */
  private async preflight(endpointClient: NetworkingClient, inputs: EndpointInputs): Promise<void> {
    const ref = inputs.networkLinkService;
    // The service may sit in another team's environment, readable only with that team's key.
    const client = ref.credentials ? this.context.client(ref.credentials) : endpointClient;
    const serviceEnvironment = ref.environment ?? inputs.environment.id;
    let service: WireService;
    try {
      // Shares only a list already in flight: the preflight must see the service as it is now.
      service = await client.pollService(serviceEnvironment, ref.id, 0);
    } catch (err) {
      if (!(err instanceof ApiError) || ![403, 404].includes(err.status)) throw err;
      if (inputs.allowPendingAccept) {
        this.context.warn(
          `network link service ${ref.id} cannot be read with this API key (${err.status}); with allowPendingAccept set, ` +
            `only the endpoint's own inputs were checked. The endpoint waits in PENDING_ACCEPT until the service's owner accepts it.`,
        );
        return;
      }
      throw new Error(
        `networkLinkService: network link service ${ref.id} was not found in environment ${serviceEnvironment}. ` +
          `Create the service first and pass the NetworkLinkService resource itself (Pulumi then orders them), or set ` +
          `networkLinkService.environment when it lives in another environment. If another team owns it, set allowPendingAccept: true.`,
      );
    }
    if (service.spec.network.id === inputs.network.id) {
      throw new Error(
        `networkLinkService: service ${ref.id} is in network ${inputs.network.id}, the endpoint's own network. ` +
          `An endpoint lives in the origin network and points at the service of another (target) network.`,
      );
    }
    if (service.status.phase !== "READY") {
      throw new Error(
        `networkLinkService: service ${ref.id} is ${service.status.phase}, not READY; an endpoint can only be created ` +
          `for a READY service. Wait for it (or fix it) and run \`pulumi up\` again.`,
      );
    }
    const environments = service.spec.accept?.environments ?? [];
    const networks = service.spec.accept?.networks ?? [];
    if (!environments.includes(inputs.environment.id) && !networks.includes(inputs.network.id)) {
      const list = `environments [${environments.join(", ")}], networks [${networks.join(", ")}]`;
      if (inputs.allowPendingAccept) {
        this.context.warn(
          `service ${ref.id} does not accept this endpoint yet (${list}); it will wait in PENDING_ACCEPT.`,
        );
        return;
      }
      throw new Error(
        `networkLinkService: service ${ref.id} does not accept environment ${inputs.environment.id} or network ${inputs.network.id} ` +
          `(its accept list: ${list}). Add one of them to the service's accept.environments or accept.networks, ` +
          `or set allowPendingAccept: true if the service's owner will accept it later.`,
      );
    }
  }

  private async post(client: NetworkingClient, inputs: EndpointInputs): Promise<WireEndpoint> {
    await this.preflight(client, inputs);
    const mine = async () =>
      (
        await client.listEndpoints(inputs.environment.id, {
          network: [inputs.network.id],
          networkLinkService: [inputs.networkLinkService.id],
        })
      ).filter(
        (e) =>
          e.spec.network_link_service.id === inputs.networkLinkService.id &&
          e.spec.network.id === inputs.network.id,
      );
    return createOnce({
      post: () =>
        client.createEndpoint({
          spec: compact({
            environment: { id: inputs.environment.id },
            network: { id: inputs.network.id },
            network_link_service: { id: inputs.networkLinkService.id },
            display_name: inputs.displayName,
            description: inputs.description,
          }),
        }),
      findOurs: async () =>
        (await mine()).find(
          (e) => e.spec.display_name === inputs.displayName && !TERMINAL_PHASES.includes(e.status.phase),
        ),
      conflict: async (err) => {
        const existing = (await mine())[0];
        if (!existing) return err;
        const terminal = TERMINAL_PHASES.includes(existing.status.phase)
          ? ` It is ${existing.status.phase}: delete it (it cannot recover) and run \`pulumi up\` again.`
          : ` If an interrupted \`pulumi up\` of this stack made it (a pending create you cleared), or to manage it here, ` +
            `set adoptExistingId: "${existing.id}" on this resource; otherwise remove it where it was made.`;
        return new Error(
          `network ${inputs.network.id} already has endpoint ${existing.id} ('${existing.spec.display_name ?? ""}') to service ` +
            `${inputs.networkLinkService.id}; a network holds one endpoint per service, and this stack has no record of it.${terminal} (${err.message})`,
        );
      },
      retryDelayMs: this.context.recreateDelayMs,
    });
  }

  private async adopt(client: NetworkingClient, inputs: EndpointInputs): Promise<WireEndpoint> {
    const id = inputs.adoptExistingId as string;
    const existing = await unlessNotFound(() => client.getEndpoint(inputs.environment.id, id));
    if (!existing) {
      throw new Error(
        `adoptExistingId: network link endpoint ${id} was not found in environment ${inputs.environment.id}; check both IDs.`,
      );
    }
    const mismatches = [
      existing.spec.network.id !== inputs.network.id
        ? `network ${existing.spec.network.id} (inputs say ${inputs.network.id})`
        : undefined,
      existing.spec.network_link_service.id !== inputs.networkLinkService.id
        ? `service ${existing.spec.network_link_service.id} (inputs say ${inputs.networkLinkService.id})`
        : undefined,
    ].filter(Boolean);
    if (mismatches.length > 0) {
      throw new Error(
        `adoptExistingId: network link endpoint ${id} is in ${mismatches.join(" and ")}; make the inputs match the endpoint you adopt.`,
      );
    }
    const changed = changedNameOrDescription(toOutputs(inputs, existing), inputs);
    if (changed.length === 0) return existing;
    return client.updateEndpoint(id, {
      spec: compact({
        environment: { id: inputs.environment.id },
        display_name: inputs.displayName,
        description: inputs.description,
      }),
    });
  }

  private async waitSettled(
    client: NetworkingClient,
    inputs: EndpointInputs,
    created: WireEndpoint,
  ): Promise<WireEndpoint> {
    const timeoutMs = (inputs.readyTimeoutSeconds ?? DEFAULT_READY_TIMEOUT_SECONDS) * 1000;
    let settled: WireEndpoint;
    try {
      settled = await waitFor({
        description: `network link endpoint ${created.id} to become READY`,
        initial: created,
        poll: () => client.pollEndpoint(inputs.environment.id, created.id),
        judge: (e) => endpointVerdict(e.status.phase, inputs.allowPendingAccept === true),
        phaseOf: (e) => e.status.phase,
        timeoutMs,
        schedule: this.context.poll,
        isTransient,
        onProgress: (m) => this.context.info(m),
      });
    } catch (err) {
      if (err instanceof WaitFailedError || err instanceof WaitTimeoutError) {
        const last = (err.last as WireEndpoint | undefined) ?? created;
        throw new ResourceInitError(
          failureMessage(err.message, last, inputs),
          created.id,
          initErrorProperties(inputs, toOutputs(inputs, last)),
        );
      }
      throw err;
    }
    if (settled.status.phase === "INACTIVE") {
      this.context.warn(
        `network link endpoint ${settled.id} is INACTIVE: the link exists, but a network on either side holds no Kafka cluster yet. ` +
          `It turns READY by itself once both networks have a cluster.`,
      );
    } else if (settled.status.phase === "PENDING_ACCEPT") {
      this.context.warn(
        `network link endpoint ${settled.id} waits in PENDING_ACCEPT until service ${inputs.networkLinkService.id} accepts it.`,
      );
    }
    return settled;
  }
}

/** How a wait for an endpoint judges a phase. READY and INACTIVE both mean the link exists. */
export function endpointVerdict(phase: string, allowPendingAccept: boolean): PhaseVerdict {
  if (phase === "READY" || phase === "INACTIVE") return "done";
  if (phase === "PENDING_ACCEPT") return allowPendingAccept ? "done" : "wait";
  if (TERMINAL_PHASES.includes(phase) || phase === "DEPROVISIONING" || phase === "DISCONNECTING")
    return "fail";
  return "wait";
}

function failureMessage(base: string, last: WireEndpoint, inputs: EndpointInputs): string {
  const api = statusError(last.status);
  const pending =
    last.status.phase === "PENDING_ACCEPT"
      ? `. Service ${inputs.networkLinkService.id} has not accepted environment ${inputs.environment.id} or network ${inputs.network.id}: ` +
        `add one of them to its accept list, or set allowPendingAccept: true to finish without waiting`
      : "";
  return `${base}${api}${pending}. It is recorded in the state; \`pulumi up\` replaces it and \`pulumi destroy\` deletes it.`;
}

/** The diff of two endpoint states; exported for table tests. */
export function diffEndpoint(olds: EndpointOutputs, news: EndpointInputs): pulumi.dynamic.DiffResult {
  const replaces: string[] = [];
  if (olds.environment?.id !== news.environment.id) replaces.push("environment");
  if (olds.network?.id !== news.network.id) replaces.push("network");
  if (olds.networkLinkService?.id !== news.networkLinkService.id) replaces.push("networkLinkService");
  // DISCONNECTED and EXPIRED never recover: the only way forward is a new endpoint.
  if (TERMINAL_PHASES.includes(olds.phase)) replaces.push("phase");
  const changed = changedNameOrDescription(olds, news);
  const samePair =
    olds.network?.id === news.network.id && olds.networkLinkService?.id === news.networkLinkService.id;
  return {
    // A new credential source changes no API field, but its names must reach the state for later steps.
    changes:
      replaces.length > 0 || changed.length > 0 || !sameCredentialSource(olds.credentials, news.credentials),
    replaces,
    // One endpoint per (network, service): a replacement for the same pair must delete the old one first.
    deleteBeforeReplace: replaces.length > 0 && samePair,
    stables: ["environment", "network", "networkLinkService"].filter((p) => !replaces.includes(p)),
  };
}

function toOutputs(inputs: EndpointInputs | EndpointOutputs, endpoint: WireEndpoint): EndpointOutputs {
  return compact({
    ...withoutProvider(inputs),
    environment: { id: endpoint.spec.environment.id },
    network: { id: endpoint.spec.network.id },
    networkLinkService: compact({ ...inputs.networkLinkService, id: endpoint.spec.network_link_service.id }),
    displayName: endpoint.spec.display_name ?? inputs.displayName,
    description: endpoint.spec.description ?? "",
    resourceName: endpoint.metadata?.resource_name ?? "",
    phase: endpoint.status.phase,
    errorCode: endpoint.status.error_code ?? undefined,
    errorMessage: endpoint.status.error_message ?? undefined,
  }) as EndpointOutputs;
}
