import { NetworkingClient } from "../../provider/client/networking";
import { ProviderContext } from "../../provider/lifecycle/provider-context";
import { NetworkLinkEndpointProvider } from "../../provider/lifecycle/endpoint-spec";
import { NetworkLinkServiceProvider } from "../../provider/lifecycle/service-spec";
import {
  DEFAULT_CREDENTIALS,
  EmulatorAdmin,
  RunningEmulator,
  startEmulator,
} from "confluent-network-link-emulator";

/** One emulator on 127.0.0.1 for a test file, with millisecond provisioning and fast client backoff. */
export interface Harness {
  emulator: RunningEmulator;
  admin: EmulatorAdmin;
  client: NetworkingClient;
  context: ProviderContext & { messages: string[] };
  services: NetworkLinkServiceProvider;
  endpoints: NetworkLinkEndpointProvider;
  close(): Promise<void>;
}

export const TARGET = { environment: { id: "env-aaaaa1" }, network: { id: "n-aaaaa1" } };
export const ORIGIN = { environment: { id: "env-bbbbb1" }, network: { id: "n-bbbbb1" } };
export const ORIGIN2 = { environment: { id: "env-bbbbb1" }, network: { id: "n-bbbbb2" } };

export async function startHarness(): Promise<Harness> {
  const emulator = await startEmulator({
    delays: {
      serviceProvisioningMs: 40,
      endpointProvisioningMs: 40,
      deprovisioningMs: 40,
      pendingAcceptExpiryMs: 60_000,
    },
  });
  const client = new NetworkingClient({
    endpoint: emulator.url,
    apiKey: DEFAULT_CREDENTIALS.key,
    apiSecret: DEFAULT_CREDENTIALS.secret,
    userAgent: "provider-tests",
    requestTimeoutMs: 2_000,
    retry: { baseDelayMs: 10, maxDelayMs: 100, totalBudgetMs: 20_000 },
  });
  const messages: string[] = [];
  const context = {
    messages,
    client: () => client,
    info: (m: string) => messages.push(`info: ${m}`),
    warn: (m: string) => messages.push(`warn: ${m}`),
    poll: { initialDelayMs: 10, growth: 0.15, maxDelayMs: 50 },
    recreateDelayMs: 10,
    // The emulator lists a new object at once unless a test injects lag.
    listLagMs: 100,
    recoveryPatienceMs: 5_000,
    deleteBlockGraceMs: 300,
  };
  return {
    emulator,
    admin: new EmulatorAdmin(emulator.url),
    client,
    context,
    services: new NetworkLinkServiceProvider(context),
    endpoints: new NetworkLinkEndpointProvider(context),
    close: () => emulator.close(),
  };
}

/** Checked service inputs, as the engine would hand them to create. */
export function serviceInputs(overrides: Record<string, unknown> = {}) {
  return {
    ...TARGET,
    displayName: "target-service",
    accept: { environments: [ORIGIN.environment.id], networks: [] as string[] },
    ...overrides,
  };
}

export function endpointInputs(serviceId: string, overrides: Record<string, unknown> = {}) {
  return {
    ...ORIGIN,
    networkLinkService: { id: serviceId, environment: TARGET.environment.id },
    displayName: "origin-endpoint",
    ...overrides,
  };
}
