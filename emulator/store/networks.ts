/** Networks, read-only: list and get with the spec's filters. */
import { Errors } from "../errors";
import type { Scope } from "./scope";
import { matches, type StoreState } from "./state";
import type { NetworkRecord, View } from "./types";

export interface NetworkFilters {
  display_name?: string[];
  cloud?: string[];
  region?: string[];
  connection_types?: string[];
  cidr?: string[];
  phase?: string[];
}

export const networkNotFound = (id: string) => Errors.not_found(`The network ${id} was not found.`);

/**
 * The spec's own list sample filters `spec.connection_types=peering,privatelink` in lower case while the
 * values are upper case, so the enum filters (cloud, connection types) ignore case; the others are exact.
 */
const anyOf = (filter: string[] | undefined, values: string[]) =>
  !filter || values.some((value) => filter.some((f) => f.toUpperCase() === value));

/**
 * Networks, read-only: they are seeded (through the admin API), not made through the networking API,
 * and they are always READY. The networking API answers reads so that clients can learn a network's
 * cloud and region.
 */
export class NetworkReads {
  constructor(
    private readonly state: StoreState,
    private readonly scope: Scope,
  ) {}

  private view(record: NetworkRecord): View<NetworkRecord> {
    return { record, status: { phase: "READY" } };
  }

  list(env: string, filters: NetworkFilters): View<NetworkRecord>[] {
    this.scope.requireListEnvironment(env);
    return [...this.state.data.networks.values()]
      .filter((n) => n.environment === env && matches(filters.display_name, n.display_name))
      .filter((n) => anyOf(filters.cloud, [n.cloud]) && matches(filters.region, n.region))
      .filter((n) => anyOf(filters.connection_types, n.connection_types))
      .filter((n) => !filters.cidr || (n.cidr !== undefined && filters.cidr.includes(n.cidr)))
      .map((n) => this.view(n))
      .filter((v) => matches(filters.phase, v.status.phase));
  }

  /** A network of another environment reads as unknown, as the link resources do. */
  get(env: string, id: string): View<NetworkRecord> {
    const record = this.state.data.networks.get(id);
    if (!record || record.environment !== env) throw networkNotFound(id);
    return this.view(record);
  }
}
