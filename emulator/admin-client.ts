/** A typed client of the emulator's admin API, for tests, demos and benchmarks. */
import type { Credential } from "./auth";
import type { CounterSnapshot, FaultSettings } from "./faults";
import type { Delays, SeededNetwork, SeedInput } from "./store/types";

/** A seeded network as the admin API shows it. */
export type EmulatorNetwork = SeededNetwork;

/** What `GET /_emulator/state` returns; services and endpoints are rendered as the API renders them. */
export interface EmulatorState {
  organization_id: string;
  environments: string[];
  networks: EmulatorNetwork[];
  services: Record<string, unknown>[];
  endpoints: Record<string, unknown>[];
  delays: Delays;
}

/** An accepted credential as the admin API shows it: never its secret. */
export interface CredentialInfo {
  key?: string;
  token?: true;
  environments: string[] | null;
}

export interface ForcePhaseOptions {
  error_code?: string;
  error_message?: string;
}

/** A typed client of the emulator's admin API (`/_emulator/…`), for tests, demos and benchmarks. */
export class EmulatorAdmin {
  private readonly base: string;

  /** `adminToken`: needed when the emulator listens beyond loopback or is reached from another machine. */
  constructor(
    url: string,
    private readonly adminToken?: string,
  ) {
    this.base = url.replace(/\/+$/, "");
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    // Admin writes must be JSON (a guard against cross-origin pages), even when they carry nothing.
    const write = method === "POST" || method === "PUT" || method === "PATCH";
    const headers: Record<string, string> = write ? { "content-type": "application/json" } : {};
    if (this.adminToken) headers.authorization = `Bearer ${this.adminToken}`;
    const response = await fetch(`${this.base}/_emulator${path}`, {
      method,
      headers,
      body: write ? JSON.stringify(body ?? {}) : undefined,
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`emulator admin ${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Drops every service and endpoint, clears faults and counters, restores start-up delays. */
  async reset(options: { keepSeed?: boolean } = {}): Promise<void> {
    await this.call("POST", "/reset", options);
  }

  /** Adds environments and networks (with their cloud, region, connection types, display name). */
  async seed(input: SeedInput): Promise<void> {
    await this.call("POST", "/seed", input);
  }

  setKafkaClusters(networkId: string, kafkaClusters: number): Promise<EmulatorNetwork> {
    return this.call("PATCH", `/networks/${encodeURIComponent(networkId)}`, {
      kafka_clusters: kafkaClusters,
    });
  }

  /** Pins a resource's phase (until it is deleted); `null` releases it. */
  async forcePhase(id: string, phase: string | null, options: ForcePhaseOptions = {}): Promise<void> {
    await this.call("POST", `/resources/${encodeURIComponent(id)}/phase`, { phase, ...options });
  }

  /** Deletes a service or endpoint at once, behind the client's back (drift). */
  async deleteOutOfBand(id: string): Promise<void> {
    await this.call("DELETE", `/resources/${encodeURIComponent(id)}`);
  }

  state(): Promise<EmulatorState> {
    return this.call("GET", "/state");
  }

  counters(): Promise<CounterSnapshot> {
    return this.call("GET", "/counters");
  }

  async resetCounters(): Promise<void> {
    await this.call("POST", "/counters/reset");
  }

  setFaults(faults: FaultSettings): Promise<FaultSettings> {
    return this.call("PUT", "/faults", faults);
  }

  clearFaults(): Promise<FaultSettings> {
    return this.call("DELETE", "/faults");
  }

  setDelays(delays: Partial<Delays>): Promise<Delays> {
    return this.call("PUT", "/delays", delays);
  }

  /** Replaces the accepted API keys and bearer tokens (each optionally limited to environments). */
  setCredentials(credentials: Credential[]): Promise<{ credentials: CredentialInfo[] }> {
    return this.call("PUT", "/credentials", { credentials });
  }

  credentials(): Promise<{ credentials: CredentialInfo[] }> {
    return this.call("GET", "/credentials");
  }

  health(): Promise<{ status: "ok"; uptime_seconds: number }> {
    return this.call("GET", "/health");
  }
}
