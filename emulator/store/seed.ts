import { Errors } from "../errors";
import type { SeedInput, StoreState } from "./types";

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
export function applySeed(state: StoreState, seed: SeedInput): void {
  // Check everything first so a bad seed changes nothing.
  for (const env of seed.environments) {
    for (const net of env.networks ?? []) {
      const existing = state.networks[net.id];
      if (existing && existing.environment !== env.id) {
        throw Errors.resource_conflict(
          `Network ${net.id} already exists in environment ${existing.environment}, not ${env.id}.`,
        );
      }
    }
  }
  if (seed.organization_id) state.organizationId = seed.organization_id;
  for (const env of seed.environments) {
    if (!state.environments.includes(env.id)) state.environments.push(env.id);
    for (const net of env.networks ?? []) {
      const existing = state.networks[net.id];
      state.networks[net.id] = {
        id: net.id,
        environment: env.id,
        kafka_clusters: net.kafka_clusters ?? existing?.kafka_clusters ?? 1,
      };
    }
  }
}
