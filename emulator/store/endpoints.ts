/** Network link endpoints: list, get, create, update, delete and the rules that bind them. */
import { Errors } from "../errors";
import { isAdmitted, PAIR_PHASES } from "./phases";
import type { Scope } from "./scope";
import { LIMITS, type ListFilters } from "./services";
import { byCreation, matches, type StoreState } from "./state";
import type { EndpointRecord, View } from "./types";

export interface CreateEndpointInput {
  environment: string;
  network: { id: string; environment?: string };
  /** The service reference; its optional `environment` names the service's (cross-environment links). */
  service: { id: string; environment?: string };
  display_name?: string;
  description?: string;
}

export interface UpdateEndpointInput {
  environment: string;
  display_name?: string;
  description?: string;
}

export const endpointNotFound = (id: string) =>
  Errors.not_found(`The network link endpoint ${id} was not found.`);

const DUPLICATE_DETAIL =
  "Cannot have more than 1 active/in provision/pending accept/disconnected NetworkLinkEndpoint attached " +
  "to the same NetworkLinkService in the same network.";

/** Network link endpoints: the rules that tie an endpoint to its service and to its network. */
export class EndpointRules {
  constructor(
    private readonly state: StoreState,
    private readonly scope: Scope,
  ) {}

  private get endpoints() {
    return this.state.data.endpoints;
  }

  list(env: string, filters: ListFilters): View<EndpointRecord>[] {
    this.state.sweep();
    this.scope.requireListEnvironment(env);
    const now = this.state.now();
    return [...this.endpoints.values()]
      .filter((e) => e.environment === env && matches(filters.display_name, e.display_name))
      .filter((e) => matches(filters.network, e.network) && matches(filters.service, e.service))
      .map((e) => this.state.endpointView(e, now))
      .filter((v) => matches(filters.phase, v.status.phase))
      .sort(byCreation);
  }

  private find(env: string, id: string): EndpointRecord {
    return this.scope.find(this.endpoints, env, id, endpointNotFound);
  }

  get(env: string, id: string): View<EndpointRecord> {
    return this.state.endpointView(this.find(env, id));
  }

  create(input: CreateEndpointInput): View<EndpointRecord> {
    this.state.sweep();
    this.scope.requireCreateTarget(input.environment, input.network);
    const service = this.serviceFor(input);
    const now = this.state.now();
    this.checkSlots(input.network.id, service.id, now);
    const readyAt = now + this.state.delays.endpointProvisioningMs;
    const record: EndpointRecord = {
      type: "endpoint",
      id: this.state.newId("nle-"),
      environment: input.environment,
      network: input.network.id,
      service: service.id,
      serviceEnvironment: service.environment,
      serviceNetwork: service.network,
      display_name: input.display_name ?? "",
      description: input.description ?? "",
      seq: this.state.nextSeq(),
      createdAt: now,
      updatedAt: now,
      readyAt,
    };
    if (isAdmitted(service.accept, record)) record.acceptedAt = now;
    else record.expiresAt = readyAt + this.state.delays.pendingAcceptExpiryMs;
    this.endpoints.set(record.id, record);
    this.state.changed();
    return this.state.endpointView(record, now);
  }

  /** Links commonly cross environments, so the service is looked up in the whole organization. */
  private serviceFor(input: CreateEndpointInput) {
    const pointer = "/spec/network_link_service/id";
    const service = this.state.data.services.get(input.service.id);
    if (!service || (input.service.environment && input.service.environment !== service.environment)) {
      throw Errors.invalid_configuration(`The network link service ${input.service.id} was not found.`, {
        pointer,
      });
    }
    if (service.deletingAt !== undefined) {
      throw Errors.resource_conflict(`The network link service ${service.id} is being deleted.`, { pointer });
    }
    if (service.network === input.network.id) {
      throw Errors.resource_conflict(
        "Network ID for NetworkLinkEndpoint and NetworkLinkService cannot be the same.",
        {
          pointer: "/spec/network/id",
        },
      );
    }
    return service;
  }

  /** One live endpoint per (network, service); per-network cap (409); organization quota (402). */
  private checkSlots(network: string, service: string, now: number): void {
    const all = [...this.endpoints.values()];
    const duplicate = all.find(
      (e) =>
        e.network === network &&
        e.service === service &&
        PAIR_PHASES.has(this.state.endpointView(e, now).status.phase),
    );
    if (duplicate) {
      throw Errors.resource_already_exists(
        DUPLICATE_DETAIL,
        `/networking/v1/network-link-endpoints/${duplicate.id}?environment=${duplicate.environment}`,
      );
    }
    const perNetwork = LIMITS.network_link_endpoints_per_network;
    if (all.filter((e) => e.network === network).length >= perNetwork) {
      throw Errors.resource_conflict(
        `Exceeds the maximum number of network link endpoints (${perNetwork}) supported per network.`,
        { pointer: "/spec/network/id" },
      );
    }
    if (all.length >= LIMITS.network_links_per_organization) {
      throw Errors.quota_exceeded("network_links_per_organization", LIMITS.network_links_per_organization);
    }
  }

  update(id: string, input: UpdateEndpointInput): View<EndpointRecord> {
    const record = this.find(input.environment, id);
    if (record.deletingAt !== undefined) {
      throw Errors.resource_conflict(
        `The network link endpoint ${id} is being deleted and cannot be updated.`,
      );
    }
    if (input.display_name !== undefined) record.display_name = input.display_name;
    if (input.description !== undefined) record.description = input.description;
    record.updatedAt = this.state.now();
    this.state.changed();
    return this.state.endpointView(record);
  }

  remove(env: string, id: string): void {
    const record = this.find(env, id);
    const now = this.state.now();
    this.state.startDelete(record, now);
    this.state.changed();
    this.state.sweep(now);
  }
}
