import { Errors } from "../errors";
import { isAdmitted, PAIR_PHASES } from "../phases";
import type { View } from "./store";
import { byCreation, LIMITS, matches, ServiceStore, type ListFilters, type UpdateInput } from "./services";
import type { EndpointRecord } from "./types";

export interface CreateEndpointInput {
  environment: string;
  network: string;
  service: string;
  /** The optional `environment` of the service reference (cross-environment links). */
  serviceEnvironment?: string;
  display_name?: string;
  description?: string;
}

export const endpointNotFound = (id: string) =>
  Errors.not_found(`The network link endpoint ${id} was not found.`);

const DUPLICATE_DETAIL =
  "Cannot have more than 1 active/in provision/pending accept/disconnected NetworkLinkEndpoint attached " +
  "to the same NetworkLinkService in the same network.";

/** The whole store: services (inherited), endpoints, and the associations view of endpoints. */
export class NetworkStore extends ServiceStore {
  listEndpoints(env: string, filters: ListFilters): View<EndpointRecord>[] {
    this.sweep();
    this.requireEnvironment(env);
    const now = this.now();
    return Object.values(this.state.endpoints)
      .filter((e) => e.environment === env && matches(filters.display_name, e.display_name))
      .filter((e) => matches(filters.network, e.network) && matches(filters.service, e.service))
      .map((e) => this.endpointView(e, now))
      .filter((v) => matches(filters.phase, v.status.phase))
      .sort(byCreation);
  }

  private findEndpoint(env: string, id: string): EndpointRecord {
    this.sweep();
    const record = this.state.endpoints[id];
    if (!record || record.environment !== env) throw endpointNotFound(id);
    return record;
  }

  getEndpoint(env: string, id: string): View<EndpointRecord> {
    return this.endpointView(this.findEndpoint(env, id));
  }

  createEndpoint(input: CreateEndpointInput): View<EndpointRecord> {
    this.sweep();
    this.requireEnvironment(input.environment, "/spec/environment/id");
    this.requireNetwork(input.environment, input.network, "/spec/network/id");
    // Links commonly cross environments, so the service is looked up in the whole organization.
    const service = this.state.services[input.service];
    const pointer = "/spec/network_link_service/id";
    if (!service || (input.serviceEnvironment && input.serviceEnvironment !== service.environment)) {
      throw Errors.invalid_configuration(`The network link service ${input.service} was not found.`, {
        pointer,
      });
    }
    if (service.deletingAt !== undefined) {
      throw Errors.resource_conflict(`The network link service ${service.id} is being deleted.`, { pointer });
    }
    if (service.network === input.network) {
      throw Errors.resource_conflict(
        "Network ID for NetworkLinkEndpoint and NetworkLinkService cannot be the same.",
        {
          pointer: "/spec/network/id",
        },
      );
    }
    const now = this.now();
    const all = Object.values(this.state.endpoints);
    const duplicate = all.find(
      (e) =>
        e.network === input.network &&
        e.service === service.id &&
        PAIR_PHASES.has(this.endpointView(e, now).status.phase),
    );
    if (duplicate) {
      throw Errors.resource_already_exists(
        DUPLICATE_DETAIL,
        `/networking/v1/network-link-endpoints/${duplicate.id}?environment=${duplicate.environment}`,
      );
    }
    if (all.filter((e) => e.network === input.network).length >= LIMITS.network_link_endpoints_per_network) {
      throw Errors.quota_exceeded(
        "network_link_endpoints_per_network",
        LIMITS.network_link_endpoints_per_network,
      );
    }
    if (all.length >= LIMITS.network_links_per_organization) {
      throw Errors.quota_exceeded("network_links_per_organization", LIMITS.network_links_per_organization);
    }
    const readyAt = now + this.delays.endpointProvisioningMs;
    const record: EndpointRecord = {
      kind: "endpoint",
      id: this.newId("nle-"),
      environment: input.environment,
      network: input.network,
      service: service.id,
      serviceEnvironment: service.environment,
      serviceNetwork: service.network,
      display_name: input.display_name ?? "",
      description: input.description ?? "",
      seq: this.nextSeq(),
      createdAt: now,
      updatedAt: now,
      readyAt,
    };
    if (isAdmitted(service.accept, record)) record.acceptedAt = now;
    else record.expiresAt = readyAt + this.delays.pendingAcceptExpiryMs;
    this.state.endpoints[record.id] = record;
    this.changed();
    return this.endpointView(record, now);
  }

  updateEndpoint(id: string, input: UpdateInput): View<EndpointRecord> {
    const record = this.findEndpoint(input.environment, id);
    if (record.deletingAt !== undefined) {
      throw Errors.resource_conflict(
        `The network link endpoint ${id} is being deleted and cannot be updated.`,
      );
    }
    if (input.display_name !== undefined) record.display_name = input.display_name;
    if (input.description !== undefined) record.description = input.description;
    record.updatedAt = this.now();
    this.changed();
    return this.endpointView(record);
  }

  deleteEndpoint(env: string, id: string): void {
    const record = this.findEndpoint(env, id);
    const now = this.now();
    this.startDelete(record, now);
    this.changed();
    this.sweep(now);
  }

  /**
   * Associations are the service owner's view of its endpoints: the environment is the service's,
   * and an association's ID is its endpoint's ID (as the CLI's test server does).
   */
  listAssociations(env: string, serviceId: string, phases?: string[]): View<EndpointRecord>[] {
    this.findService(env, serviceId);
    const now = this.now();
    return Object.values(this.state.endpoints)
      .filter((e) => e.service === serviceId)
      .map((e) => this.endpointView(e, now))
      .filter((v) => matches(phases, v.status.phase))
      .sort(byCreation);
  }

  getAssociation(env: string, serviceId: string, id: string): View<EndpointRecord> {
    this.findService(env, serviceId);
    const record = this.state.endpoints[id];
    if (!record || record.service !== serviceId) {
      throw Errors.not_found(`The network link service association ${id} was not found.`);
    }
    return this.endpointView(record);
  }
}
