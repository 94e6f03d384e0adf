/** The `Store` interface and `createStore`, composing one module per collection over one state. */
import { AdminOperations } from "./admin";
import { AssociationView } from "./associations";
import { EndpointRules, type CreateEndpointInput, type UpdateEndpointInput } from "./endpoints";
import { NetworkReads, type NetworkFilters } from "./networks";
import { Scope } from "./scope";
import { ServiceRules, type CreateServiceInput, type ListFilters, type UpdateServiceInput } from "./services";
import { StoreState, type StoreOptions } from "./state";
import type { EndpointRecord, NetworkRecord, ServiceRecord, StoreData, View } from "./types";

/** The reads of one API collection, scoped to an environment; the list and get routes use this shape. */
export interface ReadStore<Rec, Filters> {
  list(env: string, filters: Filters): View<Rec>[];
  get(env: string, id: string): View<Rec>;
}

/** The operations of one API collection; the routes of both link collections are registered against this shape. */
export interface CollectionStore<Rec, Create, Update> extends ReadStore<Rec, ListFilters> {
  create(input: Create): View<Rec>;
  update(id: string, input: Update): View<Rec>;
  remove(env: string, id: string): void;
}

/** The one store interface: one module per collection, each owning its rules, over one shared state. */
export interface Store {
  state: StoreState;
  services: CollectionStore<ServiceRecord, CreateServiceInput, UpdateServiceInput>;
  endpoints: CollectionStore<EndpointRecord, CreateEndpointInput, UpdateEndpointInput>;
  networks: ReadStore<NetworkRecord, NetworkFilters>;
  associations: AssociationView;
  admin: AdminOperations;
}

export function createStore(options: StoreOptions, loaded?: StoreData): Store {
  const state = new StoreState(options, loaded);
  const scope = new Scope(state);
  const services = new ServiceRules(state, scope);
  return {
    state,
    services,
    endpoints: new EndpointRules(state, scope),
    networks: new NetworkReads(state, scope),
    associations: new AssociationView(state, services),
    admin: new AdminOperations(state),
  };
}

export type { CreateEndpointInput, UpdateEndpointInput } from "./endpoints";
export type { CreateServiceInput, UpdateServiceInput, ListFilters } from "./services";
export type { NetworkFilters } from "./networks";
