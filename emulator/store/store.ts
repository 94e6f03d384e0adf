import { randomInt } from "node:crypto";
import { Errors } from "../errors";
import { endpointPhase, servicePhase } from "../phases";
import { applySeed, DEFAULT_ORGANIZATION_ID } from "./seed";
import type {
  Delays,
  EndpointRecord,
  ForcedPhase,
  NetworkRecord,
  ResourceRecord,
  SeedInput,
  ServiceRecord,
  Status,
  StoreState,
} from "./types";

export interface View<R> {
  record: R;
  status: Status;
}

export interface StoreOptions {
  delays: Delays;
  seed: SeedInput;
  organizationId?: string;
  /** Called after every change, with the whole state (persistence hooks in here). */
  onChange?: (state: StoreState) => void;
  now?: () => number;
}

const ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

export function emptyState(organizationId = DEFAULT_ORGANIZATION_ID): StoreState {
  return { organizationId, networks: {}, environments: [], services: {}, endpoints: {}, sequence: 0 };
}

/**
 * The state and the rules every handler shares: existence, scoping, limits, phases. Routes validate
 * shapes and render; whatever the API forbids is refused here, before anything is changed.
 */
export class StoreCore {
  state: StoreState;
  delays: Delays;
  readonly now: () => number;
  private readonly onChange?: (state: StoreState) => void;

  constructor(options: StoreOptions, loaded?: StoreState) {
    this.now = options.now ?? Date.now;
    this.delays = { ...options.delays };
    this.onChange = options.onChange;
    if (loaded) {
      this.state = loaded;
    } else {
      this.state = emptyState(options.organizationId);
      applySeed(this.state, options.seed);
      if (options.organizationId) this.state.organizationId = options.organizationId;
    }
  }

  protected changed(): void {
    this.onChange?.(this.state);
  }

  nextSeq(): number {
    this.state.sequence += 1;
    return this.state.sequence;
  }

  newId(prefix: string): string {
    for (;;) {
      let id = prefix;
      for (let i = 0; i < 6; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
      if (!this.state.services[id] && !this.state.endpoints[id]) return id;
    }
  }

  /** Drops resources whose deprovisioning is over; cheap when nothing is being deleted. */
  sweep(now = this.now()): void {
    let removed = false;
    for (const map of [this.state.services, this.state.endpoints] as Record<string, ResourceRecord>[]) {
      for (const id in map) {
        const goneAt = map[id].goneAt;
        if (goneAt !== undefined && goneAt <= now) {
          delete map[id];
          removed = true;
        }
      }
    }
    if (removed) this.changed();
  }

  hasEnvironment(id: string): boolean {
    return this.state.environments.includes(id);
  }

  network(id: string): NetworkRecord | undefined {
    return this.state.networks[id];
  }

  serviceView(record: ServiceRecord, now = this.now()): View<ServiceRecord> {
    return { record, status: servicePhase(record, now) };
  }

  endpointView(record: EndpointRecord, now = this.now()): View<EndpointRecord> {
    const clusters = this.state.networks[record.network]?.kafka_clusters ?? 0;
    return { record, status: endpointPhase(record, now, clusters) };
  }

  /** Marks a resource DEPROVISIONING; a second DELETE keeps the original clock. */
  protected startDelete(record: ResourceRecord, now: number): void {
    if (record.deletingAt !== undefined) return;
    record.deletingAt = now;
    record.goneAt = now + this.delays.deprovisioningMs;
    record.updatedAt = now;
  }

  // ---- admin operations -------------------------------------------------------------------------

  seed(input: SeedInput): void {
    applySeed(this.state, input);
    this.changed();
  }

  reset(keepSeed: boolean): void {
    this.state.services = {};
    this.state.endpoints = {};
    if (!keepSeed) {
      this.state.networks = {};
      this.state.environments = [];
    }
    this.changed();
  }

  setKafkaClusters(networkId: string, count: number): NetworkRecord {
    const network = this.state.networks[networkId];
    if (!network) throw Errors.not_found(`The network ${networkId} was not found.`);
    network.kafka_clusters = count;
    this.changed();
    return network;
  }

  private anyRecord(id: string): ResourceRecord {
    this.sweep();
    const record = this.state.services[id] ?? this.state.endpoints[id];
    if (!record) throw Errors.not_found(`No network link service or endpoint has the ID ${id}.`);
    return record;
  }

  forcePhase(id: string, forced: ForcedPhase | null): void {
    const record = this.anyRecord(id);
    if (forced) record.forced = forced;
    else delete record.forced;
    record.updatedAt = this.now();
    this.changed();
  }

  deleteOutOfBand(id: string): void {
    const record = this.anyRecord(id);
    if (record.kind === "service") delete this.state.services[id];
    else delete this.state.endpoints[id];
    this.changed();
  }

  setDelays(delays: Partial<Delays>): Delays {
    Object.assign(this.delays, delays);
    return this.delays;
  }
}
