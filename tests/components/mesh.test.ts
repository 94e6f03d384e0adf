import * as pulumi from "@pulumi/pulumi";
import {
  byName,
  collectRejections,
  ENDPOINT_TYPE,
  parentTypeOf,
  phaseOverrides,
  registered,
  SERVICE_TYPE,
  settle,
  valueOf,
} from "../support/component-mocks";
import { largestMesh, NetworkLinkMesh, validateMesh, type MeshNetwork } from "../../provider/components/mesh";
import {
  MAX_ENDPOINTS_PER_NETWORK,
  MAX_NETWORK_LINKS_PER_ORGANIZATION,
  MAX_SERVICES_PER_NETWORK,
} from "../../provider/components/shared";
import { NetworkLinkService } from "../../provider/resources/service";

const TYPE = "confluent-network-link:index:NetworkLinkMesh";

const net = (i: number, env = "env-aaaaa1"): MeshNetwork => ({
  environment: { id: env },
  network: { id: `n-mesh${i}` },
});
const nets = (count: number) => Array.from({ length: count }, (_, i) => net(i + 1));

beforeEach(() => {
  registered.length = 0;
  phaseOverrides.clear();
});

function children(mesh: NetworkLinkMesh): pulumi.Resource[] {
  return [...Object.values(mesh.services), ...Object.values(mesh.endpoints)];
}

describe("NetworkLinkMesh", () => {
  it("registers one service per network accepting every other network, and an endpoint per ordered pair", async () => {
    const mesh = new NetworkLinkMesh("m3", { networks: nets(3) });
    await settle(children(mesh));

    const seen = byName("m3-");
    expect(Object.keys(seen).sort()).toEqual([
      "m3-0-service",
      "m3-0-to-1",
      "m3-0-to-2",
      "m3-1-service",
      "m3-1-to-0",
      "m3-1-to-2",
      "m3-2-service",
      "m3-2-to-0",
      "m3-2-to-1",
    ]);
    expect(seen["m3-1-service"]).toEqual({
      type: SERVICE_TYPE,
      name: "m3-1-service",
      custom: true,
      inputs: {
        ...net(2),
        displayName: "m3-1-service",
        accept: { environments: [], networks: ["n-mesh1", "n-mesh3"] },
      },
    });
    expect(seen["m3-2-to-0"]).toEqual({
      type: ENDPOINT_TYPE,
      name: "m3-2-to-0",
      custom: true,
      inputs: {
        ...net(3),
        displayName: "m3-2-to-0",
        networkLinkService: { id: "nls-m3-0-service", environment: "env-aaaaa1", network: "n-mesh1" },
      },
    });
    for (const child of children(mesh)) expect(await parentTypeOf(child)).toBe(TYPE);
  });

  it("names children and outputs by the networks' names", async () => {
    const mesh = new NetworkLinkMesh("named", {
      networks: [
        { ...net(1), name: "east" },
        { ...net(2), name: "west" },
      ],
      displayNamePrefix: "prod",
    });
    await settle(children(mesh));

    expect(Object.keys(mesh.services)).toEqual(["east", "west"]);
    expect(Object.keys(mesh.endpoints)).toEqual(["east-to-west", "west-to-east"]);
    const seen = byName("named-");
    expect(Object.keys(seen).sort()).toEqual([
      "named-east-service",
      "named-east-to-west",
      "named-west-service",
      "named-west-to-east",
    ]);
    expect(seen["named-east-to-west"].inputs).toMatchObject({
      displayName: "prod-east-to-west",
      network: { id: "n-mesh1" },
      networkLinkService: { id: "nls-named-west-service" },
    });
    expect(await valueOf(mesh.phases)).toEqual({
      "east-service": "READY",
      "west-service": "READY",
      "east-to-west": "READY",
      "west-to-east": "READY",
    });
    expect(await valueOf(mesh.ready)).toBe(true);
  });

  it("is not ready while an endpoint is not READY", async () => {
    phaseOverrides.set("slow-1-to-0", "PROVISIONING");
    const mesh = new NetworkLinkMesh("slow", { networks: nets(2) });
    expect(await valueOf(mesh.ready)).toBe(false);
  });

  it.each([
    [
      "6 networks (30 links)",
      { networks: nets(6) },
      "a mesh of 6 networks needs 30 network links, and the organization allows 20 (0 already in use): " +
        "the largest mesh that fits is 5 networks",
    ],
    [
      "5 networks with 1 link already in use",
      { networks: nets(5), existingLinkCount: 1 },
      "a mesh of 5 networks needs 20 network links, and the organization allows 20 (1 already in use): " +
        "the largest mesh that fits is 4 networks",
    ],
    [
      "2 networks with 19 links already in use",
      { networks: nets(2), existingLinkCount: 19 },
      "a mesh of 2 networks needs 2 network links, and the organization allows 20 (19 already in use): " +
        "no mesh fits: free at least 2 network links first",
    ],
    [
      "7 networks",
      { networks: nets(7) },
      "a mesh of 7 networks puts 6 endpoints in each network (n-mesh1, n-mesh2, n-mesh3, n-mesh4, n-mesh5, " +
        "n-mesh6, n-mesh7), and a network holds at most 5: the largest mesh that fits is 5 networks\n" +
        "a mesh of 7 networks needs 42 network links, and the organization allows 20 (0 already in use): " +
        "the largest mesh that fits is 5 networks",
    ],
    ["1 network", { networks: nets(1) }, "a mesh needs at least 2 networks, got 1"],
    [
      "a network listed twice",
      { networks: [net(1), net(2), net(1)] },
      "network n-mesh1 is listed twice (networks[0] and networks[2]): a network holds at most 1 service, " +
        "so list each network once",
    ],
    [
      "a name given twice",
      { networks: [{ ...net(1), name: "x" }, net(2), { ...net(3), name: "x" }] },
      "networks[0] and networks[2] are both named 'x': give each network a unique name (it names the child resources)",
    ],
    [
      "a negative existingLinkCount",
      { networks: nets(2), existingLinkCount: -1 },
      "existingLinkCount must be a whole number of 0 or more, got -1",
    ],
  ])("throws from the constructor, registering no child, for %s", async (_, args, message) => {
    let error: unknown;
    try {
      new NetworkLinkMesh("bad", args);
    } catch (err) {
      error = err;
    }

    expect(pulumi.ResourceError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(message);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(registered.filter((r) => r.custom)).toEqual([]);
  });

  it("checks networks given as Outputs once they resolve, and creates no service", async () => {
    const rejections = await collectRejections(async () => {
      const mesh = new NetworkLinkMesh("late", {
        networks: [
          net(1),
          net(2),
          { environment: { id: "env-aaaaa1" }, network: pulumi.output({ id: "n-mesh1" }) },
        ],
      });
      await expect(valueOf(mesh.services["0"].urn)).rejects.toThrow("listed twice");
    });

    expect(rejections).toEqual([
      "network n-mesh1 is listed twice (networks[0] and networks[2]): a network holds at most 1 service, " +
        "so list each network once",
    ]);
    expect(registered.filter((r) => r.custom)).toEqual([]);
  });

  it("uses a network's existing service when it admits every other network", async () => {
    const existing = new NetworkLinkService("shared-svc", {
      ...net(1),
      accept: { environments: ["env-aaaaa1"], networks: [] },
    });
    const mesh = new NetworkLinkMesh("reuse", {
      networks: [{ ...net(1), service: existing }, net(2), net(3)],
    });
    await settle(children(mesh));

    expect(mesh.services["0"]).toBe(existing);
    expect(byName("reuse-0-service")).toEqual({});
    expect(byName("reuse-2-to-0")["reuse-2-to-0"].inputs.networkLinkService).toEqual({
      id: "nls-shared-svc",
      environment: "env-aaaaa1",
      network: "n-mesh1",
    });
  });

  it("fails naming the existing service and every network it does not admit", async () => {
    const existing = new NetworkLinkService("narrow-svc", {
      ...net(1),
      accept: { environments: [], networks: ["n-mesh2"] },
    });
    const rejections = await collectRejections(async () => {
      const mesh = new NetworkLinkMesh("narrow", {
        networks: [{ ...net(1), service: existing }, net(2), net(3, "env-bbbbb1"), net(4, "env-bbbbb1")],
      });
      await settle([mesh.endpoints["0-to-1"]]);
      await expect(valueOf(mesh.endpoints["1-to-0"].urn)).rejects.toThrow("does not admit");
    });

    expect(rejections).toEqual([
      "network link service 'narrow-svc' (nls-narrow-svc) does not admit 2 (network n-mesh3, environment " +
        "env-bbbbb1); 3 (network n-mesh4, environment env-bbbbb1): its accept list has environments [none] and " +
        "networks [n-mesh2]. Add 'n-mesh3', 'n-mesh4' to its accept.networks, or leave out `service` so that " +
        "the component creates the service",
    ]);
    expect(byName("narrow-").hasOwnProperty("narrow-1-to-0")).toBe(false);
  });
});

describe("validateMesh", () => {
  const plan = (count: number, existingLinkCount?: number) => ({
    networks: Array.from({ length: count }, (_, i) => ({ name: String(i), network: `n-${i}` })),
    existingLinkCount,
  });

  it.each([
    [2, 0, 0],
    [4, 0, 0],
    [5, 0, 0],
    [4, 8, 0],
    [4, 9, 1],
    [6, 0, 1],
    [7, 0, 2],
    [0, 0, 1],
  ])("%i networks with %i links in use: %i problems", (count, existing, problems) => {
    expect(validateMesh(plan(count, existing))).toHaveLength(problems);
  });

  it("names networks not known yet by their name", () => {
    const networks = Array.from({ length: 7 }, (_, i) => ({
      name: `net${i}`,
      network: i === 0 ? undefined : `n-${i}`,
    }));
    expect(validateMesh({ networks })[0]).toContain("(net0, n-1, n-2, n-3, n-4, n-5, n-6)");
  });

  it("skips networks whose ID is not known yet when looking for duplicates", () => {
    expect(validateMesh({ networks: [{ name: "0" }, { name: "1" }] })).toEqual([]);
  });
});

describe("largestMesh", () => {
  it.each([
    [0, 5],
    [1, 4],
    [8, 4],
    [9, 3],
    [14, 3],
    [15, 2],
    [18, 2],
    [19, 0],
    [20, 0],
  ])("with %i links in use: %i networks", (existing, largest) => {
    expect(largestMesh(existing)).toBe(largest);
  });
});

describe("limits", () => {
  it("are those of the networking API", () => {
    expect([MAX_ENDPOINTS_PER_NETWORK, MAX_NETWORK_LINKS_PER_ORGANIZATION, MAX_SERVICES_PER_NETWORK]).toEqual(
      [5, 20, 1],
    );
  });
});
