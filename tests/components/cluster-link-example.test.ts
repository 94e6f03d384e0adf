/**
 * examples/cluster-link with Pulumi's mocks, on both of its paths: in a region where cluster linking
 * over AWS PrivateLink needs no network links it creates none; elsewhere the cluster links run over
 * a BidirectionalNetworkLink. Its cluster API keys skip the readiness check (the runner may not reach
 * the clusters), and `createClusterLinks: false` leaves out what needs the clusters' REST endpoints.
 */
import * as pulumi from "@pulumi/pulumi";
import { registered, ENDPOINT_TYPE, SERVICE_TYPE, valueOf } from "../support/component-mocks";

// The example imports the package by name; here that name is this repository's source.
jest.mock("pulumi-confluent-network-link", () => jest.requireActual("../../provider/index"), {
  virtual: true,
});
import program = require("../../examples/cluster-link/index");

const CLUSTER_LINK = "confluentcloud:index/clusterLink:ClusterLink";
const API_KEY = "confluentcloud:index/apiKey:ApiKey";
const BIDIRECTIONAL = "confluent-network-link:index:BidirectionalNetworkLink";

/** Runs the program with this stack config and returns the types registered, by name. */
async function run(
  config: Record<string, string>,
): Promise<Map<string, { type: string; inputs: Record<string, unknown> }>> {
  registered.length = 0;
  pulumi.runtime.setAllConfig(
    Object.fromEntries(
      Object.entries({ awsAccountId: "123456789012", ...config }).map(([k, v]) => [`components:${k}`, v]),
    ),
  );
  const outputs = await program();
  await valueOf(pulumi.output(outputs));
  return new Map(registered.map((r) => [r.name, { type: r.type, inputs: r.inputs }]));
}

const typesOf = (seen: Map<string, { type: string }>) => [...seen.values()].map((r) => r.type);

describe("examples/cluster-link", () => {
  it.each(["us-east-1", "eu-west-2", "ap-southeast-2"])(
    "in %s: two cluster links and no network link",
    async (region) => {
      const seen = await run({ region });
      const types = typesOf(seen);
      expect(types.filter((t) => t === CLUSTER_LINK)).toHaveLength(2);
      expect(types).not.toContain(BIDIRECTIONAL);
      expect(types).not.toContain(SERVICE_TYPE);
      expect(types).not.toContain(ENDPOINT_TYPE);
    },
  );

  it("with no region set: us-east-1, so no network link", async () => {
    const seen = await run({});
    expect(typesOf(seen)).not.toContain(BIDIRECTIONAL);
    expect(seen.get("network-a")?.inputs.region).toBe("us-east-1");
  });

  it.each(["ca-central-1", "eu-north-1", "us-west-1"])(
    "in %s: the cluster links over a BidirectionalNetworkLink",
    async (region) => {
      const seen = await run({ region });
      const types = typesOf(seen);
      expect(types.filter((t) => t === CLUSTER_LINK)).toHaveLength(2);
      expect(types.filter((t) => t === BIDIRECTIONAL)).toHaveLength(1);
      expect(types.filter((t) => t === SERVICE_TYPE)).toHaveLength(2);
      expect(types.filter((t) => t === ENDPOINT_TYPE)).toHaveLength(2);
      expect(seen.get("network-a")?.inputs.region).toBe(region);
    },
  );

  it.each([
    ["us-east-1", "true", true],
    ["ca-central-1", "false", false],
  ])(
    "in %s, useNetworkLinks %s overrides the region's default",
    async (region, useNetworkLinks, expected) => {
      const seen = await run({ region, useNetworkLinks });
      expect(typesOf(seen).includes(BIDIRECTIONAL)).toBe(expected);
      expect(typesOf(seen).filter((t) => t === CLUSTER_LINK)).toHaveLength(2);
    },
  );

  it("creates the cluster API keys without the readiness check", async () => {
    const seen = await run({ region: "ca-central-1" });
    const keys = [...seen.values()].filter((r) => r.type === API_KEY);
    expect(keys).toHaveLength(2);
    for (const key of keys) expect(key.inputs.disableWaitForReady).toBe(true);
  });

  it("createClusterLinks false: everything but the cluster links", async () => {
    const seen = await run({ region: "ca-central-1", createClusterLinks: "false" });
    const types = typesOf(seen);
    expect(types).not.toContain(CLUSTER_LINK);
    expect(types).toContain(BIDIRECTIONAL);
    expect(types.filter((t) => t === API_KEY)).toHaveLength(2);
  });
});
