// What the lookups take and return, as plain data types (no API client in the public declarations).
import type { NetworkLinkEndpointPhase, NetworkLinkServicePhase } from "./resources/phases";

// Apart from how they find it (lookups-core.ts), so that the public declarations reach these types
// without reaching the API client (and its zod and got).

/** How to find one network link service: by `id`, or by the `network` that holds it, or by `displayName`. */
export interface NetworkLinkServiceQuery {
  /** The service's environment: `{ id: "env-…" }`. */
  environment: { id: string };
  /** The service ID, `nls-…`. */
  id?: string;
  /** The network that holds the service (a network holds at most one). */
  network?: { id: string };
  /** The service's display name; fails when several services in the environment carry it. */
  displayName?: string;
}

/** How to find one network link endpoint: by `id`, or by its `network` (and `networkLinkService` when it has several). */
export interface NetworkLinkEndpointQuery {
  /** The endpoint's environment: `{ id: "env-…" }`. */
  environment: { id: string };
  /** The endpoint ID, `nle-…`. */
  id?: string;
  /** The origin network that holds the endpoint. */
  network?: { id: string };
  /** The service the endpoint points at; picks one when the network holds several endpoints. */
  networkLinkService?: { id: string };
}

/** The fields of a looked-up service or endpoint that both types have, as plain data. */
export interface LinkObjectLookupResult {
  /** The object's ID: `nls-…` or `nle-…`. */
  readonly id: string;
  /** The name shown in Confluent Cloud. */
  readonly displayName: string;
  /** The free-text description ("" when it has none). */
  readonly description: string;
  /** The object's environment. */
  readonly environment: { id: string };
  /** The network that holds the object. */
  readonly network: { id: string };
  /** The same network as a one-element list, as `@pulumi/confluentcloud` returns it. */
  readonly networks: { id: string }[];
  /** The object's CRN. */
  readonly resourceName: string;
}

/** A network link service as plain data (the fields of `@pulumi/confluentcloud`'s result, and more). */
export interface GetNetworkLinkServiceResult extends LinkObjectLookupResult {
  /** Who may connect: environment and network IDs, sorted. */
  readonly accept: { environments: string[]; networks: string[] };
  /** The phase the API reports. */
  readonly phase: NetworkLinkServicePhase;
}

/** A network link endpoint as plain data (the fields of `@pulumi/confluentcloud`'s result, and more). */
export interface GetNetworkLinkEndpointResult extends LinkObjectLookupResult {
  /** The service the endpoint connects to. */
  readonly networkLinkService: { id: string };
  /** The same service as a one-element list, as `@pulumi/confluentcloud` returns it. */
  readonly networkLinkServices: { id: string }[];
  /** The phase the API reports. */
  readonly phase: NetworkLinkEndpointPhase;
}
