// The typed client of the networking API: one function per network-link operation, and the reads the waits share.
import { sharedReader } from "./batch";
import { listAll, send } from "./exchange";
import { HttpClient, HttpClientOptions } from "./http";
import { checkedId } from "./ids";
import { unreadableCreateAnswer } from "./create-answer";
export { UnreadableCreateAnswer } from "./create-answer";
import { createdHere, lastWrite, noteCreated, noteWrite, Slot } from "./own-writes";
import type { Urgency } from "./pacer";
import { redactStatus } from "./redaction";
import { ServerClock, serverClock } from "./server-clock";
import { environmentQuery, pathOf } from "./wire-format";
import {
  CreateEndpointRequest,
  CreateServiceRequest,
  Network,
  networkSchema,
  NetworkLinkEndpoint,
  networkLinkEndpointSchema,
  NetworkLinkService,
  NetworkLinkServiceAssociation,
  networkLinkServiceAssociationSchema,
  networkLinkServiceSchema,
  UpdateEndpointRequest,
  UpdateServiceRequest,
} from "./schemas";

const SERVICES = "networking/v1/network-link-services";
const ENDPOINTS = "networking/v1/network-link-endpoints";
const ASSOCIATIONS = "networking/v1/network-link-service-associations";
const NETWORKS = "networking/v1/networks";

export interface ServiceFilter {
  network?: string[];
  displayName?: string[];
  phase?: string[];
}

export interface EndpointFilter extends ServiceFilter {
  networkLinkService?: string[];
}

/** How a list call is sent: `onSent` hears when its first page leaves; `urgency` is its pacer turn. */
export interface ListOptions {
  onSent?: () => void;
  urgency?: () => Urgency;
}

/** How a wait reads an object (see `poll`). */
export interface PollOptions {
  /** How old the shared list that answers may be. Default 500 ms. */
  maxAgeMs?: number;
  /** Only a list started after this process's last write of the type answers. Default false. */
  afterOwnWrites?: boolean;
  /** The pacer's turn. Default "poll". */
  urgency?: Urgency;
}

/** Which shared snapshot answers `snapshot`. */
export interface SnapshotOptions {
  /** Listed after this process's last create in the slot; without one, after its last write of the type. */
  slot?: Slot;
  /** Default 500 ms. */
  maxAgeMs?: number;
  /** The pacer's turn of the list call; default "read". */
  urgency?: Urgency;
}

/** The two types of network-link object, each a collection of the API with the same operations. */
const COLLECTIONS = {
  service: { path: SERVICES, schema: networkLinkServiceSchema, noun: "network link service" },
  endpoint: { path: ENDPOINTS, schema: networkLinkEndpointSchema, noun: "network link endpoint" },
} as const;

export type ObjectType = keyof typeof COLLECTIONS;
export type WireObjectOf<T extends ObjectType> = T extends "service"
  ? NetworkLinkService
  : NetworkLinkEndpoint;
type CreateBody<T extends ObjectType> = T extends "service" ? CreateServiceRequest : CreateEndpointRequest;
type UpdateBody<T extends ObjectType> = T extends "service" ? UpdateServiceRequest : UpdateEndpointRequest;

/** One typed function per network-link operation of the networking API. */
export class NetworkingClient {
  readonly http: HttpClient;

  constructor(options: HttpClientOptions | HttpClient) {
    this.http = options instanceof HttpClient ? options : new HttpClient(options);
  }

  /** Every object of a type in an environment, through all pages. */
  async list<T extends ObjectType>(
    type: T,
    environment: string,
    filter: EndpointFilter = {},
    how: ListOptions = {},
  ) {
    const { path, schema, noun } = COLLECTIONS[type];
    return (await listAll(this.http, `listing ${noun}s`, path, schema, how, {
      environment: checkedId("environment", environment),
      "spec.network": filter.network,
      "spec.display_name": filter.displayName,
      "status.phase": filter.phase,
      "spec.network_link_service": filter.networkLinkService,
    })) as WireObjectOf<T>[];
  }

  async read<T extends ObjectType>(
    type: T,
    environment: string,
    id: string,
    { urgency = "read" }: { urgency?: Urgency } = {},
  ): Promise<WireObjectOf<T>> {
    const { path, schema, noun } = COLLECTIONS[type];
    return (await send(this.http, `reading ${noun} ${id}`, schema, "GET", pathOf(path, type, id), {
      searchParams: environmentQuery(environment),
      urgency,
    })) as WireObjectOf<T>;
  }

  /**
   * Reads an object for a wait: polls of many resources in one environment share one list call
   * (made at most every `maxAgeMs`); an object the list does not hold is read with a GET. With
   * `afterOwnWrites`, only a list started after this process's last write of that type answers, so a
   * change made earlier in the same `up` (an accept list just updated) is always seen. A wait's poll
   * takes the pacer's last turn; a read that a create waits for says "read".
   */
  async poll<T extends ObjectType>(
    type: T,
    environment: string,
    id: string,
    { maxAgeMs = 500, afterOwnWrites = false, urgency = "poll" }: PollOptions = {},
  ) {
    const notBefore = afterOwnWrites ? lastWrite(this.http.endpoint, type, environment) : 0;
    return this.reader(type, environment, maxAgeMs).get(
      id,
      () => this.read(type, environment, id, { urgency }),
      {
        maxAgeMs,
        notBefore,
        urgency,
      },
    ) as Promise<WireObjectOf<T>>;
  }

  /**
   * Every object of a type in an environment, from the snapshot the waits share: at most `maxAgeMs`
   * old, and listed after this process's last create in `slot` (so it holds every object we made
   * there); without a slot, after its last write of that type in the environment.
   */
  async snapshot<T extends ObjectType>(
    type: T,
    environment: string,
    { slot, maxAgeMs = 500, urgency = "read" }: SnapshotOptions = {},
  ) {
    const reader = this.reader(type, environment, maxAgeMs);
    const notBefore = lastWrite(this.http.endpoint, type, environment, slot);
    return (await reader.all({ maxAgeMs, notBefore, urgency })) as WireObjectOf<T>[];
  }

  private reader(type: ObjectType, environment: string, maxAgeMs: number) {
    const key = `${this.http.identity} ${type} ${environment}`;
    const list = (sent: () => void, urgency: () => Urgency) =>
      this.list(type, environment, {}, { onSent: sent, urgency });
    return sharedReader(key, list, maxAgeMs, { tellsWhenSent: true });
  }

  private async writing<T>(
    type: ObjectType,
    environment: string,
    write: () => Promise<T>,
    slot?: Slot,
  ): Promise<T> {
    try {
      return await write();
    } finally {
      // Also after a failure: a write whose outcome is unknown may have been applied.
      noteWrite(this.http.endpoint, type, environment, slot);
    }
  }

  /**
   * A create. `onSent` hears when the POST leaves (again on a retry). A 2xx whose body is not the
   * object (a gateway replaced it) still means the object was made: an UnreadableCreateAnswer, which
   * carries the new ID when the body still names one. `urgency`: the POST's pacer turn (default "write").
   */
  async create<T extends ObjectType>(
    type: T,
    body: CreateBody<T>,
    { onSent, urgency = "write" }: { onSent?: () => void; urgency?: Urgency } = {},
  ): Promise<WireObjectOf<T>> {
    const { path, schema, noun } = COLLECTIONS[type];
    const service = (body.spec as { network_link_service?: { id: string } }).network_link_service;
    const where = `network ${body.spec.network.id}${service ? ` to service ${service.id}` : ""}`;
    const slot = { network: body.spec.network.id, networkLinkService: service?.id };
    const operation = `creating ${noun} in ${where}`;
    let sent = Date.now();
    const response = await this.writing(
      type,
      body.spec.environment.id,
      () =>
        this.http.request<unknown>(operation, "POST", path, {
          json: body,
          urgency,
          onSent: () => {
            sent = Date.now();
            onSent?.();
          },
        }),
      slot,
    );
    const received = Date.now();
    this.clock.observeDate(response.date, sent, received);
    const parsed = schema.safeParse(response.body);
    if (!parsed.success)
      throw unreadableCreateAnswer({
        operation,
        type,
        schema,
        status: response.status,
        body: response.body,
        requestId: response.requestId,
      });
    const created = redactStatus(parsed.data, this.http.redact) as WireObjectOf<T>;
    noteCreated(this.http.endpoint, type, created.id);
    // Made while our POST was in flight: its creation time ties the server's clock to ours.
    const createdAt = created.metadata?.created_at;
    if (createdAt) this.clock.observeInstant(Date.parse(createdAt), sent, received);
    return created;
  }

  /** Records an object found to be the one our POST made (its answer was lost). */
  noteOurs(type: ObjectType, id: string): void {
    noteCreated(this.http.endpoint, type, id);
  }

  /** What this process knows of the API server's clock. */
  get clock(): ServerClock {
    return serverClock(this.http.endpoint);
  }

  /** Whether this process created the object (its POST answered with it). */
  madeByThisProcess(type: ObjectType, id: string): boolean {
    return createdHere(this.http.endpoint, type, id);
  }

  /** When this process last created an object in the slot (0: never). */
  lastCreateIn(type: ObjectType, environment: string, slot: Slot): number {
    return lastWrite(this.http.endpoint, type, environment, slot);
  }

  async update<T extends ObjectType>(type: T, id: string, body: UpdateBody<T>): Promise<WireObjectOf<T>> {
    const { path, schema, noun } = COLLECTIONS[type];
    return (await this.writing(type, body.spec.environment.id, () =>
      send(this.http, `updating ${noun} ${id}`, schema, "PATCH", pathOf(path, type, id), { json: body }),
    )) as WireObjectOf<T>;
  }

  async remove(type: ObjectType, environment: string, id: string): Promise<void> {
    const { path, noun } = COLLECTIONS[type];
    await this.writing(type, environment, () =>
      this.http.request(`deleting ${noun} ${id}`, "DELETE", pathOf(path, type, id), {
        searchParams: environmentQuery(environment),
      }),
    );
  }

  // The same operations by name, as the API documents them (lookups.ts and tests use these).
  listServices = (environment: string, filter: ServiceFilter = {}) =>
    this.list("service", environment, filter);
  getService = (environment: string, id: string) => this.read("service", environment, id);
  createService = (body: CreateServiceRequest) => this.create("service", body);
  listEndpoints = (environment: string, filter: EndpointFilter = {}) =>
    this.list("endpoint", environment, filter);
  getEndpoint = (environment: string, id: string) => this.read("endpoint", environment, id);
  createEndpoint = (body: CreateEndpointRequest) => this.create("endpoint", body);

  /**
   * A network's cloud and region (the provider reads it to say where links are no longer needed).
   * `once`: one attempt, for a caller that can go on without the answer.
   */
  async getNetwork(
    environment: string,
    id: string,
    { once = false, urgency = "read" }: { once?: boolean; urgency?: Urgency } = {},
  ): Promise<Network> {
    return send(this.http, `reading network ${id}`, networkSchema, "GET", pathOf(NETWORKS, "network", id), {
      searchParams: environmentQuery(environment),
      once,
      urgency,
    });
  }

  /**
   * The networks of an environment, with their clouds and regions (one list answers for all of them).
   * `once`: one attempt per page, for a caller that can go on without the answer.
   */
  async listNetworks(
    environment: string,
    { once = false, urgency = "read" }: { once?: boolean; urgency?: Urgency } = {},
  ): Promise<Network[]> {
    return listAll(
      this.http,
      "listing networks",
      NETWORKS,
      networkSchema,
      { urgency: () => urgency, once },
      { environment: checkedId("environment", environment) },
    );
  }

  async listServiceAssociations(
    environment: string,
    serviceId: string,
    phase?: string[],
  ): Promise<NetworkLinkServiceAssociation[]> {
    return listAll(
      this.http,
      `listing endpoints associated with ${serviceId}`,
      ASSOCIATIONS,
      networkLinkServiceAssociationSchema,
      {},
      {
        environment: checkedId("environment", environment),
        "spec.network_link_service": [checkedId("service", serviceId)],
        "status.phase": phase,
      },
    );
  }

  async getServiceAssociation(
    environment: string,
    serviceId: string,
    id: string,
  ): Promise<NetworkLinkServiceAssociation> {
    return send(
      this.http,
      `reading service association ${id}`,
      networkLinkServiceAssociationSchema,
      "GET",
      pathOf(ASSOCIATIONS, "association", id),
      {
        searchParams: new URLSearchParams({
          environment: checkedId("environment", environment),
          "spec.network_link_service": checkedId("service", serviceId),
        }),
      },
    );
  }
}
