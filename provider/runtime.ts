// What the serialized dynamic providers load by package name at run time.
import type * as pulumi from "@pulumi/pulumi";
import { NetworkingClient } from "./client/networking";
import { ConfigSource, resolveConfig } from "./config";
import type { CredentialSource } from "./credential-source";
import { ProviderContext } from "./lifecycle/provider-context";
import { NetworkLinkEndpointProvider } from "./lifecycle/endpoint-spec";
import { NetworkLinkServiceProvider } from "./lifecycle/service-spec";
import { EngineLog, pluginEngineAddress } from "./engine-log";
import { USER_AGENT } from "./version";
import { DEFAULT_POLL, PollSchedule } from "./wait";

// The code that runs inside the dynamic-provider host. The serialized providers stored in the state
// only `require()` this module by package name, so credentials, clients and our own code are never
// captured into the state, and state written by an older release runs the installed release's code.

let config: ConfigSource | undefined;
let log: EngineLog | undefined;
const engineLog = () => (log ??= new EngineLog(pluginEngineAddress()));

/** Called by the dynamic-provider host with the whole stack config. */
export function configure(req: { config: ConfigSource }): void {
  config = req.config;
}

/** Stack-config keys that tune the wait for READY (benchmarks compare schedules with them). */
export const POLL_CONFIG_KEYS = {
  initialDelayMs: "confluentNetworkLink:pollInitialDelayMs",
  maxDelayMs: "confluentNetworkLink:pollMaxDelayMs",
  fixedIntervalMs: "confluentNetworkLink:pollIntervalMs",
} as const;

/**
 * The wait for READY's schedule where none of POLL_CONFIG_KEYS is set: the first poll
 * `initialDelayMs` after the create, then each gap `growth` × the time already waited, at least
 * `initialDelayMs` and at most `maxDelayMs` (1 s, 15 %, 10 s), so the overshoot past READY stays a
 * small share of the provisioning time. Published for tools that predict a wait's polls (bench/).
 */
export const DEFAULT_POLL_SCHEDULE: Readonly<{ initialDelayMs: number; growth: number; maxDelayMs: number }> =
  Object.freeze({
    initialDelayMs: DEFAULT_POLL.initialDelayMs,
    growth: DEFAULT_POLL.growth,
    maxDelayMs: DEFAULT_POLL.maxDelayMs,
  });

function pollSchedule(source: ConfigSource | undefined): Partial<PollSchedule> {
  const schedule: Partial<PollSchedule> = {};
  for (const [field, key] of Object.entries(POLL_CONFIG_KEYS) as [keyof typeof POLL_CONFIG_KEYS, string][]) {
    const raw = source?.get(key);
    if (raw === undefined || raw === "") continue;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0)
      throw new Error(`${key} must be a number of milliseconds, got '${raw}'`);
    schedule[field] = value;
  }
  return schedule;
}

/** The one place a provider method gets its API client: credentials resolved now, from config.ts. */
function clientFromConfig(
  source: ConfigSource | undefined,
  credentials?: CredentialSource,
): NetworkingClient {
  const resolved = resolveConfig(source, process.env, credentials);
  return new NetworkingClient({
    endpoint: resolved.endpoint,
    apiKey: resolved.apiKey,
    apiSecret: resolved.apiSecret,
    userAgent: USER_AGENT,
  });
}

// Not exported, and the exports below are typed by Pulumi's interface: the subpath's declarations stay
// free of internal types (and of zod's), so a user's compiler reads them without esModuleInterop.
function context(): ProviderContext {
  return {
    client: (credentials) => clientFromConfig(config, credentials),
    // The dynamic-provider host has no engine connection for pulumi.log, and its methods are not told
    // the URN. Progress goes to the plugin's output (the engine shows it under the stack); a warning
    // goes to the engine's log, so it is shown and counted as one. Each message names its resource.
    info: (message: string) => console.log(message),
    warn: (message: string) => void engineLog().warn("", message),
    poll: pollSchedule(config),
  };
}

/** The service provider, configured from the stack config; the serialized forwarders call this. */
export function service(): pulumi.dynamic.ResourceProvider {
  return new NetworkLinkServiceProvider(context());
}

/** The endpoint provider, configured from the stack config; the serialized forwarders call this. */
export function endpoint(): pulumi.dynamic.ResourceProvider {
  return new NetworkLinkEndpointProvider(context());
}
