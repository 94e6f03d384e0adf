/** What the admin API may do to the store: seed, reset, network clusters, forced phases, deletes. */
import { Errors } from "../errors";
import { applySeed } from "./seed";
import type { StoreState } from "./state";
import type { Delays, ForcedPhase, NetworkRecord, ResourceRecord, SeedInput } from "./types";

/** What the admin API may do to the store behind the networking API's back. */
export class AdminOperations {
  constructor(private readonly state: StoreState) {}

  seed(input: SeedInput): void {
    applySeed(this.state.data, input, this.state.now());
    this.state.changed();
  }

  reset(keepSeed: boolean): void {
    const { data } = this.state;
    data.services.clear();
    data.endpoints.clear();
    if (!keepSeed) {
      data.networks.clear();
      data.environments.clear();
    }
    this.state.changed();
  }

  setKafkaClusters(networkId: string, count: number): NetworkRecord {
    const network = this.state.data.networks.get(networkId);
    if (!network) throw Errors.not_found(`The network ${networkId} was not found.`);
    if (network.kafka_clusters !== count) network.updatedAt = this.state.now();
    network.kafka_clusters = count;
    this.state.changed();
    return network;
  }

  private anyRecord(id: string): ResourceRecord {
    this.state.sweep();
    const record = this.state.data.services.get(id) ?? this.state.data.endpoints.get(id);
    if (!record) throw Errors.not_found(`No network link service or endpoint has the ID ${id}.`);
    return record;
  }

  forcePhase(id: string, forced: ForcedPhase | null): void {
    const record = this.anyRecord(id);
    if (forced) record.forced = forced;
    else delete record.forced;
    record.updatedAt = this.state.now();
    this.state.changed();
  }

  deleteOutOfBand(id: string): void {
    const record = this.anyRecord(id);
    if (record.type === "service") this.state.data.services.delete(id);
    else this.state.data.endpoints.delete(id);
    this.state.changed();
  }

  setDelays(delays: Partial<Delays>): Delays {
    Object.assign(this.state.delays, delays);
    return { ...this.state.delays };
  }
}
