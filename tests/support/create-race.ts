import { NetworkingClient } from "../../provider/client/networking";
import { NetworkLinkEndpointProvider } from "../../provider/lifecycle/endpoint-spec";
import { ProviderContext } from "../../provider/lifecycle/provider-context";
import { NetworkLinkServiceProvider } from "../../provider/lifecycle/service-spec";
import {
  DEFAULT_CREDENTIALS,
  EmulatorAdmin,
  RunningEmulator,
  startEmulator,
} from "confluent-network-link-emulator";

/** Another stack of the same program, with its own API key: faults can spare its requests (onlyKey). */
export const RIVAL = { key: "RIVAL_KEY", secret: "rival-secret" };
export const OURS = DEFAULT_CREDENTIALS.key;

export type Context = ProviderContext & {
  messages: string[];
  recreateDelayMs: number;
  listLagMs: number;
  recoveryPatienceMs: number;
};

export interface CreateHarness {
  emulator: RunningEmulator;
  admin: EmulatorAdmin;
  client: NetworkingClient;
  rival: NetworkingClient;
  context: Context;
  services: NetworkLinkServiceProvider;
  endpoints: NetworkLinkEndpointProvider;
  close(): Promise<void>;
}

function clientOf(url: string, credentials: { key: string; secret: string }, timeoutMs: number) {
  return new NetworkingClient({
    endpoint: url,
    apiKey: credentials.key,
    apiSecret: credentials.secret,
    userAgent: "create-tests",
    requestTimeoutMs: timeoutMs,
    retry: { baseDelayMs: 10, maxDelayMs: 50, totalBudgetMs: 2_000 },
  });
}

/** An emulator on 127.0.0.1 that knows our key and the rival's, with fast provisioning and short create timings. */
export async function startCreateHarness(
  timing: Partial<Context> = {},
  timeoutMs = 2_000,
): Promise<CreateHarness> {
  const emulator = await startEmulator({
    delays: { serviceProvisioningMs: 20, endpointProvisioningMs: 20, deprovisioningMs: 20 },
    credentials: [DEFAULT_CREDENTIALS, RIVAL],
  });
  const client = clientOf(emulator.url, DEFAULT_CREDENTIALS, timeoutMs);
  const messages: string[] = [];
  const context: Context = {
    messages,
    client: () => client,
    info: (m: string) => messages.push(`info: ${m}`),
    warn: (m: string) => messages.push(`warn: ${m}`),
    poll: { initialDelayMs: 10, growth: 0.15, maxDelayMs: 40 },
    recreateDelayMs: 300,
    listLagMs: 150,
    recoveryPatienceMs: 5_000,
    deleteBlockGraceMs: 300,
    ...timing,
  };
  return {
    emulator,
    admin: new EmulatorAdmin(emulator.url),
    client,
    rival: clientOf(emulator.url, RIVAL, 5_000),
    context,
    services: new NetworkLinkServiceProvider(context),
    endpoints: new NetworkLinkEndpointProvider(context),
    close: () => emulator.close(),
  };
}

/** The POST another stack of the same program sends for the same service: the same fields. */
export function rivalService(
  rival: NetworkingClient,
  inputs: ReturnType<typeof import("./provider-emulator").serviceInputs>,
) {
  return rival.createService({
    spec: {
      environment: { id: inputs.environment.id },
      network: { id: inputs.network.id },
      display_name: inputs.displayName,
      accept: { environments: inputs.accept.environments, networks: inputs.accept.networks },
    },
  } as never);
}

/** The same for an endpoint. */
export function rivalEndpoint(
  rival: NetworkingClient,
  inputs: ReturnType<typeof import("./provider-emulator").endpointInputs>,
) {
  return rival.createEndpoint({
    spec: {
      environment: { id: inputs.environment.id },
      network: { id: inputs.network.id },
      network_link_service: { id: inputs.networkLinkService.id },
      display_name: inputs.displayName,
    },
  } as never);
}

/** Resolves once the emulator has counted `n` POSTs to `collection` since its counters were reset. */
export async function postsSeen(admin: EmulatorAdmin, collection: string, n: number): Promise<void> {
  for (;;) {
    const counters = await admin.counters();
    if ((counters.byRoute[`POST /networking/v1/${collection}`] ?? 0) >= n) return;
    await new Promise((r) => setTimeout(r, 5));
  }
}

export const later = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The create-race setup every test starts from: a clean emulator, no messages, the default patience. */
export async function resetCreateHarness(h: CreateHarness): Promise<void> {
  await h.admin.reset();
  h.context.messages.length = 0;
  h.context.listLagMs = 150;
  h.context.recoveryPatienceMs = 5_000;
}

/** The IDs of the emulator's services or endpoints. */
export async function stateIds(h: CreateHarness, collection: "services" | "endpoints"): Promise<string[]> {
  return (await h.admin.state())[collection].map((o) => o.id as string);
}
