/** The networking API's collections (services, endpoints, networks) described as data for the registrars. */
import type { NetworkFilters, Store } from "../store";
import type { NetworkRecord } from "../store/types";
import { collectionRoutes, type ReadRoutes } from "./crud";
import { renderEndpoint, renderNetwork, renderService } from "./render";
import {
  createEndpointBody,
  createServiceBody,
  ID,
  updateEndpointBody,
  updateServiceBody,
} from "./request-schemas";
import { endpointSchema, networkSchema, serviceSchema } from "./response-schemas";

/** Networks are read-only here (seeded through the admin API): list and get, with the spec's filters. */
export function networkCollection(store: Store) {
  return {
    path: "/networking/v1/networks",
    resource: "network",
    idPattern: ID.network,
    apiKind: "Network",
    filters: {
      "spec.display_name": "display_name",
      "spec.cloud": "cloud",
      "spec.region": "region",
      "spec.connection_types": "connection_types",
      "spec.cidr": "cidr",
      "status.phase": "phase",
    },
    store: store.networks,
    render: renderNetwork,
    schema: networkSchema,
  } satisfies ReadRoutes<NetworkRecord, NetworkFilters>;
}

/** The two CRUD collections of the networking API, as data for `registerCrudRoutes`. */
export function serviceCollection(store: Store) {
  return collectionRoutes({
    path: "/networking/v1/network-link-services",
    resource: "network link service",
    idPattern: ID.service,
    apiKind: "NetworkLinkService",
    filters: { "spec.display_name": "display_name", "status.phase": "phase", "spec.network": "network" },
    store: store.services,
    render: renderService,
    schema: serviceSchema,
    createBody: createServiceBody,
    updateBody: updateServiceBody,
    toCreate: ({ spec }) => ({
      environment: spec.environment.id,
      network: { id: spec.network.id, environment: spec.network.environment },
      display_name: spec.display_name,
      description: spec.description,
      accept: spec.accept,
    }),
    toUpdate: ({ spec }) => ({
      environment: spec.environment.id,
      display_name: spec.display_name,
      description: spec.description,
      accept: spec.accept,
    }),
  });
}

export function endpointCollection(store: Store) {
  return collectionRoutes({
    path: "/networking/v1/network-link-endpoints",
    resource: "network link endpoint",
    idPattern: ID.endpoint,
    apiKind: "NetworkLinkEndpoint",
    filters: {
      "spec.display_name": "display_name",
      "status.phase": "phase",
      "spec.network": "network",
      "spec.network_link_service": "service",
    },
    store: store.endpoints,
    render: renderEndpoint,
    schema: endpointSchema,
    createBody: createEndpointBody,
    updateBody: updateEndpointBody,
    toCreate: ({ spec }) => ({
      environment: spec.environment.id,
      network: { id: spec.network.id, environment: spec.network.environment },
      service: { id: spec.network_link_service.id, environment: spec.network_link_service.environment },
      display_name: spec.display_name,
      description: spec.description,
    }),
    toUpdate: ({ spec }) => ({
      environment: spec.environment.id,
      display_name: spec.display_name,
      description: spec.description,
    }),
  });
}
