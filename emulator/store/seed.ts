/** The default seed and how a seed input becomes environments and networks. */
import { Errors } from "../errors";
import type { NetworkRecord, SeedNetwork, SeedInput, StoreData } from "./types";

export const DEFAULT_ORGANIZATION_ID = "e5a1c0de-0000-4000-8000-00000000e001";

/**
 * Seeded when no seed is given: two environments with two networks each, one Kafka cluster per
 * network. n-aaaaa1 sits in us-east-1, where network links are no longer needed (networking-api.md
 * §1b); the others in regions where they still are.
 */
export const DEFAULT_SEED: SeedInput = {
  organization_id: DEFAULT_ORGANIZATION_ID,
  environments: [
    {
      id: "env-aaaaa1",
      networks: [
        { id: "n-aaaaa1", cloud: "AWS", region: "us-east-1", display_name: "aws-us-east-1" },
        { id: "n-aaaaa2", cloud: "AWS", region: "ca-central-1", display_name: "aws-ca-central-1" },
      ],
    },
    {
      id: "env-bbbbb1",
      networks: [
        { id: "n-bbbbb1", cloud: "AWS", region: "ca-central-1", display_name: "aws-ca-central-1" },
        { id: "n-bbbbb2", cloud: "AWS", region: "eu-west-1", display_name: "aws-eu-west-1" },
      ],
    },
  ],
};

/**
 * What a network seeded without them gets: an AWS PrivateLink network in a region where links are
 * still needed, so tests that seed their own networks see no retirement warning.
 */
export const NETWORK_DEFAULTS = {
  cloud: "AWS",
  region: "ca-central-1",
  connection_types: ["PRIVATELINK"],
} as const satisfies Partial<NetworkRecord>;

/** A seeded network over what it was: fields not given keep their value (or take the default). */
function seededNetwork(
  env: string,
  net: SeedNetwork,
  existing: NetworkRecord | undefined,
  now: number,
): NetworkRecord {
  const record: NetworkRecord = {
    id: net.id,
    environment: env,
    kafka_clusters: net.kafka_clusters ?? existing?.kafka_clusters ?? 1,
    display_name: net.display_name ?? existing?.display_name ?? net.id,
    cloud: net.cloud ?? existing?.cloud ?? NETWORK_DEFAULTS.cloud,
    region: net.region ?? existing?.region ?? NETWORK_DEFAULTS.region,
    connection_types: [
      ...(net.connection_types ?? existing?.connection_types ?? NETWORK_DEFAULTS.connection_types),
    ],
    createdAt: existing?.createdAt ?? now,
    updatedAt: existing?.updatedAt ?? now,
  };
  const cidr = net.cidr ?? existing?.cidr;
  if (cidr !== undefined) record.cidr = cidr;
  if (existing && changed(existing, record)) record.updatedAt = now;
  return record;
}

function changed(before: NetworkRecord, after: NetworkRecord): boolean {
  const fields = ["kafka_clusters", "display_name", "cloud", "region", "cidr"] as const;
  return (
    fields.some((field) => before[field] !== after[field]) ||
    before.connection_types.join() !== after.connection_types.join()
  );
}

/** Adds environments and networks (seeding is additive); an existing network changes only the fields given. */
export function applySeed(data: StoreData, seed: SeedInput, now: number): void {
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
      data.networks.set(net.id, seededNetwork(env.id, net, data.networks.get(net.id), now));
    }
  }
}
