/** Network link services: list, get, create, update, delete and their accept-list rules. */
import { Errors } from "../errors";
import { BLOCKING_PHASES, isAdmitted } from "./phases";
import type { Scope } from "./scope";
import { byCreation, matches, type StoreState } from "./state";
import type { ServiceRecord, View } from "./types";

/**
 * Per-network limits answer 409 with the wording of Confluent's CLI test server; only the
 * organization-wide cap is a quota (402), as the spec's 402 describes quotas.
 */
export const LIMITS = {
  network_link_service_per_network: 1,
  network_link_endpoints_per_network: 5,
  network_links_per_organization: 20,
};

export interface ListFilters {
  display_name?: string[];
  phase?: string[];
  network?: string[];
  service?: string[];
}

export interface AcceptInput {
  environments?: string[];
  networks?: string[];
}

export interface CreateServiceInput {
  environment: string;
  network: { id: string; environment?: string };
  display_name?: string;
  description?: string;
  accept?: AcceptInput;
}

export interface UpdateServiceInput {
  environment: string;
  display_name?: string;
  description?: string;
  accept?: AcceptInput;
}

export const serviceNotFound = (id: string) =>
  Errors.not_found(`The network link service ${id} was not found.`);

/** Network link services: one per network; accept-list changes ripple to their endpoints. */
export class ServiceRules {
  constructor(
    private readonly state: StoreState,
    private readonly scope: Scope,
  ) {}

  private get services() {
    return this.state.data.services;
  }

  list(env: string, filters: ListFilters): View<ServiceRecord>[] {
    this.state.sweep();
    this.scope.requireListEnvironment(env);
    const now = this.state.now();
    return [...this.services.values()]
      .filter((s) => s.environment === env && matches(filters.display_name, s.display_name))
      .filter((s) => matches(filters.network, s.network))
      .map((s) => this.state.serviceView(s, now))
      .filter((v) => matches(filters.phase, v.status.phase))
      .sort(byCreation);
  }

  find(env: string, id: string): ServiceRecord {
    return this.scope.find(this.services, env, id, serviceNotFound);
  }

  get(env: string, id: string): View<ServiceRecord> {
    return this.state.serviceView(this.find(env, id));
  }

  create(input: CreateServiceInput): View<ServiceRecord> {
    this.state.sweep();
    this.scope.requireCreateTarget(input.environment, input.network);
    const network = input.network.id;
    const onNetwork = [...this.services.values()].filter((s) => s.network === network).length;
    if (onNetwork >= LIMITS.network_link_service_per_network) {
      throw Errors.resource_conflict(
        `Exceeds the maximum number of network link service (${LIMITS.network_link_service_per_network}) supported per network.`,
        { pointer: "/spec/network/id" },
      );
    }
    const now = this.state.now();
    const record: ServiceRecord = {
      type: "service",
      id: this.state.newId("nls-"),
      environment: input.environment,
      network,
      display_name: input.display_name ?? "",
      description: input.description ?? "",
      accept: { environments: input.accept?.environments ?? [], networks: input.accept?.networks ?? [] },
      seq: this.state.nextSeq(),
      createdAt: now,
      updatedAt: now,
      readyAt: now + this.state.delays.serviceProvisioningMs,
    };
    this.services.set(record.id, record);
    this.state.changed();
    return this.state.serviceView(record, now);
  }

  update(id: string, input: UpdateServiceInput): View<ServiceRecord> {
    const record = this.find(input.environment, id);
    if (record.deletingAt !== undefined) {
      throw Errors.resource_conflict(
        `The network link service ${id} is being deleted and cannot be updated.`,
      );
    }
    const now = this.state.now();
    if (input.display_name !== undefined) record.display_name = input.display_name;
    if (input.description !== undefined) record.description = input.description;
    if (input.accept) {
      // A list left out of `accept` keeps its value; a list sent replaces it (the CLI sends both).
      this.applyAccept(
        record,
        {
          environments: input.accept.environments ?? record.accept.environments,
          networks: input.accept.networks ?? record.accept.networks,
        },
        now,
      );
    }
    record.updatedAt = now;
    this.state.changed();
    return this.state.serviceView(record, now);
  }

  /** Admits waiting endpoints; the ones no entry admits any more start DISCONNECTING. */
  private applyAccept(service: ServiceRecord, accept: ServiceRecord["accept"], now: number): void {
    for (const endpoint of this.state.data.endpoints.values()) {
      if (endpoint.service !== service.id || endpoint.deletingAt !== undefined) continue;
      if (endpoint.disconnectedAt !== undefined) continue;
      const admitted = isAdmitted(accept, endpoint);
      if (endpoint.acceptedAt === undefined) {
        const phase = this.state.endpointView(endpoint, now).status.phase;
        if (admitted && (phase === "PROVISIONING" || phase === "PENDING_ACCEPT")) {
          endpoint.acceptedAt = now;
          delete endpoint.expiresAt;
          endpoint.updatedAt = now;
        }
      } else if (!admitted) {
        endpoint.disconnectingAt = now;
        endpoint.disconnectedAt = now + this.state.delays.disconnectingMs;
        endpoint.updatedAt = now;
      }
    }
    service.accept = accept;
  }

  /**
   * Open question 1 of networking-api.md: we answer 409 while endpoints that still hold the link
   * (anything but EXPIRED, DISCONNECTED, FAILED) are attached, naming them so the caller can act.
   */
  remove(env: string, id: string): void {
    const record = this.find(env, id);
    const now = this.state.now();
    const blocking = [...this.state.data.endpoints.values()]
      .filter((e) => e.service === id)
      .filter((e) => BLOCKING_PHASES.has(this.state.endpointView(e, now).status.phase))
      .map((e) => e.id)
      .sort();
    if (blocking.length > 0) {
      throw Errors.resource_conflict(
        `The network link service ${id} still has network link endpoints attached: ${blocking.join(", ")}. ` +
          "Delete them before deleting the service.",
      );
    }
    this.state.startDelete(record, now);
    this.state.changed();
    this.state.sweep(now);
  }
}
