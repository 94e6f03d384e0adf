import { Errors } from "../errors";
import type { SeedInput, StoreData } from "./types";

export const DEFAULT_ORGANIZATION_ID = "e5a1c0de-0000-4000-8000-00000000e001";

/** Seeded when no seed is given: two environments with two networks each, one Kafka cluster per network. */
export const DEFAULT_SEED: SeedInput = {
  organization_id: DEFAULT_ORGANIZATION_ID,
  environments: [
    { id: "env-aaaaa1", networks: [{ id: "n-aaaaa1" }, { id: "n-aaaaa2" }] },
    { id: "env-bbbbb1", networks: [{ id: "n-bbbbb1" }, { id: "n-bbbbb2" }] },
  ],
};

/** Adds environments and networks (seeding is additive); an existing network may change its cluster count. */
export function applySeed(data: StoreData, seed: SeedInput): void {
  // Check everything first so a bad seed changes nothing.
  const placed = new Map<string, string>();
  for (const env of seed.environments) {
    for (const net of env.networks ?? []) {
      const owner = data.networks.get(net.id)?.environment ?? placed.get(net.id);
      if (owner !== undefined && owner !== env.id) {
        throw Errors.resource_conflict(
          `Network ${net.id} already exists in environment ${owner}, not ${env.id}.`,
        );
      }
      placed.set(net.id, env.id);
    }
  }
  if (seed.organization_id) data.organizationId = seed.organization_id;
  for (const env of seed.environments) {
    data.environments.add(env.id);
    for (const net of env.networks ?? []) {
      const existing = data.networks.get(net.id);
      data.networks.set(net.id, {
        id: net.id,
        environment: env.id,
        kafka_clusters: net.kafka_clusters ?? existing?.kafka_clusters ?? 1,
      });
    }
  }
}
