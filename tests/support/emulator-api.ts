import {
  EmulatorAdmin,
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from "confluent-network-link-emulator";
import { DEFAULT_CREDENTIALS } from "confluent-network-link-emulator";

// Response bodies are whatever the emulator sent; tests read them freely after schema validation.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface ApiResponse<T = Json> {
  status: number;
  headers: Headers;
  body: T;
}

export const AUTH = `Basic ${Buffer.from(`${DEFAULT_CREDENTIALS.key}:${DEFAULT_CREDENTIALS.secret}`).toString("base64")}`;

/** Seed for rule tests: many networks across two environments, all with one Kafka cluster. */
export const TEST_SEED = {
  organization_id: "org-test",
  environments: [
    {
      id: "env-aaaaa1",
      networks: ["n-aaaaa1", "n-aaaaa2", "n-aaaaa3", "n-aaaaa4", "n-aaaaa5"].map((id) => ({ id })),
    },
    {
      id: "env-bbbbb1",
      networks: ["n-bbbbb1", "n-bbbbb2", "n-bbbbb3", "n-bbbbb4", "n-bbbbb5", "n-bbbbb6"].map((id) => ({
        id,
      })),
    },
  ],
};

export const ZERO_DELAYS = {
  serviceProvisioningMs: 0,
  endpointProvisioningMs: 0,
  deprovisioningMs: 0,
  pendingAcceptExpiryMs: 60_000,
  disconnectingMs: 0,
};

/** A started emulator, its admin client, and `call` (fetch with auth + spec validation of every body). */
export interface Harness {
  emulator: RunningEmulator;
  admin: EmulatorAdmin;
  call<T = Json>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiResponse<T>>;
}

/**
 * The emulator checks each body against its route's declared schema and answers 500 when one
 * breaks it; a test must never see that (the upstream-spec check is tests/conformance/).
 */
export function assertNoSchemaBreak(method: string, path: string, body: unknown): void {
  const detail = (body as { errors?: { detail?: string }[] } | undefined)?.errors?.[0]?.detail ?? "";
  if (detail.includes("broke its declared schema")) throw new Error(`${method} ${path}: ${detail}`);
}

export async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
  const emulator = await startEmulator({ seed: TEST_SEED, delays: ZERO_DELAYS, ...options });
  const admin = new EmulatorAdmin(emulator.url);
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${emulator.url}${path}`, {
      method,
      headers: {
        authorization: AUTH,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed = text === "" ? undefined : JSON.parse(text);
    if (!response.headers.get("x-request-id")) throw new Error(`${method} ${path}: no X-Request-Id`);
    assertNoSchemaBreak(method, path, parsed);
    return { status: response.status, headers: response.headers, body: parsed };
  };
  return { emulator, admin, call };
}

export const NLS = "/networking/v1/network-link-services";
export const NLE = "/networking/v1/network-link-endpoints";
export const NLSA = "/networking/v1/network-link-service-associations";
export const NETWORKS = "/networking/v1/networks";

export function serviceBody(
  env: string,
  network: string,
  accept?: { environments?: string[]; networks?: string[] },
) {
  return {
    spec: {
      environment: { id: env },
      network: { id: network },
      display_name: `nls-${network}`,
      ...(accept ? { accept } : {}),
    },
  };
}

export function endpointBody(env: string, network: string, service: string) {
  return {
    spec: {
      environment: { id: env, related: "", resource_name: "" },
      network: { id: network, related: "", resource_name: "" },
      network_link_service: { id: service, related: "", resource_name: "" },
      display_name: `nle-${network}`,
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
