/** The store's records, seed input, delays and computed status. */
/** Provisioning timeline, in milliseconds. 0 means the next read already shows the settled phase. */
export interface Delays {
  serviceProvisioningMs: number;
  endpointProvisioningMs: number;
  deprovisioningMs: number;
  pendingAcceptExpiryMs: number;
  /** How long an endpoint stays DISCONNECTING after its service's accept list stops admitting it. */
  disconnectingMs: number;
}

export const DEFAULT_DELAYS: Delays = {
  serviceProvisioningMs: 500,
  endpointProvisioningMs: 500,
  deprovisioningMs: 500,
  pendingAcceptExpiryMs: 10 * 60_000,
  // 0 by default: clients read DISCONNECTED right after an accept change unless a test asks for the phase.
  disconnectingMs: 0,
};

/** The clouds and connection types of the networks resource (x-extensible-enum in the spec). */
export const CLOUDS = ["AWS", "GCP", "AZURE"] as const;
export const CONNECTION_TYPES = ["PEERING", "TRANSITGATEWAY", "PRIVATELINK"] as const;
export type Cloud = (typeof CLOUDS)[number];
export type ConnectionType = (typeof CONNECTION_TYPES)[number];

export interface SeedNetwork {
  id: string;
  kafka_clusters?: number;
  /** With `region`: both or neither. Default AWS ca-central-1 (a region where links are still needed). */
  cloud?: Cloud;
  region?: string;
  /** Default `["PRIVATELINK"]`. */
  connection_types?: ConnectionType[];
  /** Default: the network's ID. */
  display_name?: string;
  cidr?: string;
}

export interface SeedInput {
  organization_id?: string;
  environments: { id: string; networks?: SeedNetwork[] }[];
}

/** A network as seeded, every default applied (the admin API shows networks so). */
export interface SeededNetwork {
  id: string;
  environment: string;
  kafka_clusters: number;
  display_name: string;
  cloud: Cloud;
  region: string;
  connection_types: ConnectionType[];
  cidr?: string;
}

export interface NetworkRecord extends SeededNetwork {
  createdAt: number;
  updatedAt: number;
}

/** A phase forced through the admin API; it sticks until the resource is deleted. */
export interface ForcedPhase {
  phase: string;
  error_code?: string;
  error_message?: string;
}

/** Fields shared by services and endpoints. Times are epoch milliseconds; phases derive from them. */
interface BaseRecord {
  id: string;
  /** Creation order; lists sort by it (several resources can share a millisecond). */
  seq: number;
  environment: string;
  network: string;
  display_name: string;
  description: string;
  createdAt: number;
  updatedAt: number;
  /** End of PROVISIONING, fixed at creation so a later delay change does not rewrite history. */
  readyAt: number;
  /** Set by DELETE: DEPROVISIONING until `goneAt`, then the record is dropped. */
  deletingAt?: number;
  goneAt?: number;
  forced?: ForcedPhase;
}

/** The two objects of the networking API that clients create. */
export type ObjectType = "service" | "endpoint";

export interface ServiceRecord extends BaseRecord {
  type: "service";
  accept: { environments: string[]; networks: string[] };
}

export interface EndpointRecord extends BaseRecord {
  type: "endpoint";
  service: string;
  serviceEnvironment: string;
  serviceNetwork: string;
  /** When the service's accept list first admitted this endpoint (undefined: never admitted). */
  acceptedAt?: number;
  /** When an unadmitted endpoint lapses to EXPIRED. */
  expiresAt?: number;
  /** When the service withdrew its admission: DISCONNECTING until `disconnectedAt`, then DISCONNECTED. */
  disconnectingAt?: number;
  disconnectedAt?: number;
}

export type ResourceRecord = ServiceRecord | EndpointRecord;

/** Everything the store holds. Maps, never plain objects: IDs come from requests (`__proto__`). */
export interface StoreData {
  organizationId: string;
  environments: Set<string>;
  networks: Map<string, NetworkRecord>;
  services: Map<string, ServiceRecord>;
  endpoints: Map<string, EndpointRecord>;
  /** Last `seq` handed out. */
  sequence: number;
}

/** Computed status, as rendered in `status`. */
export interface Status {
  phase: string;
  error_code?: string;
  error_message?: string;
  expires_at?: string;
}

export interface View<R> {
  record: R;
  status: Status;
}
