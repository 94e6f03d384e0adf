/** The store's data, clock, IDs and computed views, shared by every rule module. */
import { randomInt } from "node:crypto";
import { endpointPhase, servicePhase } from "./phases";
import { applySeed, DEFAULT_ORGANIZATION_ID } from "./seed";
import type {
  Delays,
  EndpointRecord,
  ResourceRecord,
  SeedInput,
  ServiceRecord,
  StoreData,
  View,
} from "./types";

export interface StoreOptions {
  delays: Delays;
  seed: SeedInput;
  organizationId?: string;
  /** Called after every change, with the whole state (persistence hooks in here). */
  onChange?: (data: StoreData) => void;
  now?: () => number;
}

const ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

export function emptyData(organizationId = DEFAULT_ORGANIZATION_ID): StoreData {
  return {
    organizationId,
    environments: new Set(),
    networks: new Map(),
    services: new Map(),
    endpoints: new Map(),
    sequence: 0,
  };
}

/**
 * The data, the clock and what every rule module needs from them: IDs, sequence numbers, computed
 * phases, the sweep of finished deletions and the change notification. It holds no API rule.
 */
export class StoreState {
  data: StoreData;
  readonly delays: Delays;
  readonly now: () => number;
  private readonly onChange?: (data: StoreData) => void;

  constructor(options: StoreOptions, loaded?: StoreData) {
    this.now = options.now ?? Date.now;
    this.delays = { ...options.delays };
    this.onChange = options.onChange;
    if (loaded) {
      this.data = loaded;
    } else {
      this.data = emptyData(options.organizationId);
      applySeed(this.data, options.seed, this.now());
      if (options.organizationId) this.data.organizationId = options.organizationId;
    }
  }

  changed(): void {
    this.onChange?.(this.data);
  }

  nextSeq(): number {
    this.data.sequence += 1;
    return this.data.sequence;
  }

  newId(prefix: string): string {
    for (;;) {
      let id = prefix;
      for (let i = 0; i < 6; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
      if (!this.data.services.has(id) && !this.data.endpoints.has(id)) return id;
    }
  }

  /** Drops resources whose deprovisioning is over; cheap when nothing is being deleted. */
  sweep(now = this.now()): void {
    let removed = false;
    for (const map of [this.data.services, this.data.endpoints] as Map<string, ResourceRecord>[]) {
      for (const [id, record] of map) {
        if (record.goneAt !== undefined && record.goneAt <= now) {
          map.delete(id);
          removed = true;
        }
      }
    }
    if (removed) this.changed();
  }

  serviceView(record: ServiceRecord, now = this.now()): View<ServiceRecord> {
    return { record, status: servicePhase(record, now) };
  }

  endpointView(record: EndpointRecord, now = this.now()): View<EndpointRecord> {
    const clusters = this.data.networks.get(record.network)?.kafka_clusters ?? 0;
    return { record, status: endpointPhase(record, now, clusters) };
  }

  /** Marks a resource DEPROVISIONING; a second DELETE keeps the original clock. */
  startDelete(record: ResourceRecord, now: number): void {
    if (record.deletingAt !== undefined) return;
    record.deletingAt = now;
    record.goneAt = now + this.delays.deprovisioningMs;
    record.updatedAt = now;
  }
}

export function byCreation(a: { record: { seq: number } }, b: typeof a): number {
  return a.record.seq - b.record.seq;
}

export function matches(filter: string[] | undefined, value: string): boolean {
  return !filter || filter.length === 0 || filter.includes(value);
}
