/** The associations: a service owner's read of the endpoints attached to its service. */
import { Errors } from "../errors";
import type { ServiceRules } from "./services";
import { byCreation, matches, type StoreState } from "./state";
import type { EndpointRecord, View } from "./types";

/**
 * Associations are the service owner's view of its endpoints: the environment is the service's,
 * and an association's ID is its endpoint's ID (as the CLI's test server does).
 */
export class AssociationView {
  constructor(
    private readonly state: StoreState,
    private readonly services: ServiceRules,
  ) {}

  list(env: string, serviceId: string, phases?: string[]): View<EndpointRecord>[] {
    this.services.find(env, serviceId);
    const now = this.state.now();
    return [...this.state.data.endpoints.values()]
      .filter((e) => e.service === serviceId)
      .map((e) => this.state.endpointView(e, now))
      .filter((v) => matches(phases, v.status.phase))
      .sort(byCreation);
  }

  get(env: string, serviceId: string, id: string): View<EndpointRecord> {
    this.services.find(env, serviceId);
    const record = this.state.data.endpoints.get(id);
    if (!record || record.service !== serviceId) {
      throw Errors.not_found(`The network link service association ${id} was not found.`);
    }
    return this.state.endpointView(record);
  }
}
