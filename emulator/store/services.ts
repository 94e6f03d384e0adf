import { Errors } from "../errors";
import { BLOCKING_PHASES, isAdmitted } from "../phases";
import { StoreCore, type View } from "./store";
import type { ServiceRecord } from "./types";

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
  network: string;
  display_name?: string;
  description?: string;
  accept?: AcceptInput;
}

export interface UpdateInput {
  environment: string;
  display_name?: string;
  description?: string;
  accept?: AcceptInput;
}

export const serviceNotFound = (id: string) =>
  Errors.not_found(`The network link service ${id} was not found.`);

export function byCreation(a: { record: { seq: number } }, b: typeof a): number {
  return a.record.seq - b.record.seq;
}

export function matches(filter: string[] | undefined, value: string): boolean {
  return !filter || filter.length === 0 || filter.includes(value);
}

/** Network link services: one per network, accept-list changes ripple to their endpoints. */
export class ServiceStore extends StoreCore {
  protected requireEnvironment(env: string, pointer?: string): void {
    if (this.hasEnvironment(env)) return;
    if (pointer) throw Errors.invalid_configuration(`The environment ${env} was not found.`, { pointer });
    throw Errors.user_unauthorized(
      `The environment ${env} was not found or is not accessible with this API key.`,
    );
  }

  /** The network must exist and live in the environment of the request. */
  protected requireNetwork(env: string, network: string, pointer: string): void {
    const record = this.network(network);
    if (!record || record.environment !== env) {
      throw Errors.invalid_configuration(`The network ${network} was not found in environment ${env}.`, {
        pointer,
      });
    }
  }

  listServices(env: string, filters: ListFilters): View<ServiceRecord>[] {
    this.sweep();
    this.requireEnvironment(env);
    const now = this.now();
    return Object.values(this.state.services)
      .filter((s) => s.environment === env && matches(filters.display_name, s.display_name))
      .filter((s) => matches(filters.network, s.network))
      .map((s) => this.serviceView(s, now))
      .filter((v) => matches(filters.phase, v.status.phase))
      .sort(byCreation);
  }

  /** An ID that exists in another environment is reported exactly like an unknown one. */
  protected findService(env: string, id: string): ServiceRecord {
    this.sweep();
    const record = this.state.services[id];
    if (!record || record.environment !== env) throw serviceNotFound(id);
    return record;
  }

  getService(env: string, id: string): View<ServiceRecord> {
    return this.serviceView(this.findService(env, id));
  }

  createService(input: CreateServiceInput): View<ServiceRecord> {
    this.sweep();
    this.requireEnvironment(input.environment, "/spec/environment/id");
    this.requireNetwork(input.environment, input.network, "/spec/network/id");
    const onNetwork = Object.values(this.state.services).filter((s) => s.network === input.network).length;
    if (onNetwork >= LIMITS.network_link_service_per_network) {
      throw Errors.quota_exceeded(
        "network_link_service_per_network",
        LIMITS.network_link_service_per_network,
      );
    }
    const now = this.now();
    const record: ServiceRecord = {
      kind: "service",
      id: this.newId("nls-"),
      environment: input.environment,
      network: input.network,
      display_name: input.display_name ?? "",
      description: input.description ?? "",
      accept: { environments: input.accept?.environments ?? [], networks: input.accept?.networks ?? [] },
      seq: this.nextSeq(),
      createdAt: now,
      updatedAt: now,
      readyAt: now + this.delays.serviceProvisioningMs,
    };
    this.state.services[record.id] = record;
    this.changed();
    return this.serviceView(record, now);
  }

  updateService(id: string, input: UpdateInput): View<ServiceRecord> {
    const record = this.findService(input.environment, id);
    if (record.deletingAt !== undefined) {
      throw Errors.resource_conflict(
        `The network link service ${id} is being deleted and cannot be updated.`,
      );
    }
    const now = this.now();
    if (input.display_name !== undefined) record.display_name = input.display_name;
    if (input.description !== undefined) record.description = input.description;
    if (input.accept) {
      // A list left out of `accept` keeps its value; a list sent replaces it (the CLI sends both).
      const accept = {
        environments: input.accept.environments ?? record.accept.environments,
        networks: input.accept.networks ?? record.accept.networks,
      };
      this.applyAccept(record, accept, now);
    }
    record.updatedAt = now;
    this.changed();
    return this.serviceView(record, now);
  }

  /** Admits waiting endpoints and disconnects the ones no entry admits any more. */
  private applyAccept(service: ServiceRecord, accept: ServiceRecord["accept"], now: number): void {
    for (const endpoint of Object.values(this.state.endpoints)) {
      if (endpoint.service !== service.id || endpoint.deletingAt !== undefined) continue;
      if (endpoint.disconnectedAt !== undefined) continue;
      const admitted = isAdmitted(accept, endpoint);
      if (endpoint.acceptedAt === undefined) {
        const phase = this.endpointView(endpoint, now).status.phase;
        if (admitted && (phase === "PROVISIONING" || phase === "PENDING_ACCEPT")) {
          endpoint.acceptedAt = now;
          delete endpoint.expiresAt;
          endpoint.updatedAt = now;
        }
      } else if (!admitted) {
        endpoint.disconnectedAt = now;
        endpoint.updatedAt = now;
      }
    }
    service.accept = accept;
  }

  /**
   * Open question 1 of networking-api.md: we answer 409 while endpoints that still hold the link
   * (anything but EXPIRED, DISCONNECTED, FAILED) are attached, naming them so the caller can act.
   */
  deleteService(env: string, id: string): void {
    const record = this.findService(env, id);
    const now = this.now();
    const blocking = Object.values(this.state.endpoints)
      .filter((e) => e.service === id)
      .filter((e) => BLOCKING_PHASES.has(this.endpointView(e, now).status.phase))
      .map((e) => e.id)
      .sort();
    if (blocking.length > 0) {
      throw Errors.resource_conflict(
        `The network link service ${id} still has network link endpoints attached: ${blocking.join(", ")}. ` +
          "Delete them before deleting the service.",
      );
    }
    this.startDelete(record, now);
    this.changed();
    this.sweep(now);
  }
}
