import * as pulumi from "@pulumi/pulumi";
import {
  A,
  B,
  byName,
  ENDPOINT_TYPE,
  parentTypeOf,
  phaseOverrides,
  registered,
  SERVICE_TYPE,
  settle,
  collectRejections,
  valueOf,
} from "../support/component-mocks";
import { BidirectionalNetworkLink, validatePair } from "../../provider/components/bidirectional";
import { NetworkLinkService } from "../../provider/resources/service";

const TYPE = "confluent-network-link:index:BidirectionalNetworkLink";

/** Stands in for `confluentcloud.Environment`: a custom resource whose `id` is an Output. */
class FakeEnvironment extends pulumi.CustomResource {
  constructor(name: string) {
    super("confluentcloud:index/environment:Environment", name, {});
  }
}

beforeEach(() => {
  registered.length = 0;
  phaseOverrides.clear();
});

function children(link: BidirectionalNetworkLink) {
  return [link.aService, link.bService, link.aToB, link.bToA];
}

describe("BidirectionalNetworkLink", () => {
  it("registers a service in each network, accepting only the other network", async () => {
    const link = new BidirectionalNetworkLink("pair", { a: A, b: B });
    await settle(children(link));

    const seen = byName("pair");
    expect(Object.keys(seen).sort()).toEqual([
      "pair",
      "pair-a-service",
      "pair-a-to-b",
      "pair-b-service",
      "pair-b-to-a",
    ]);
    expect(seen["pair"]).toMatchObject({ type: TYPE, custom: false });
    expect(seen["pair-a-service"]).toEqual({
      type: SERVICE_TYPE,
      name: "pair-a-service",
      custom: true,
      inputs: { ...A, displayName: "pair-a-service", accept: { environments: [], networks: [B.network.id] } },
    });
    expect(seen["pair-b-service"].inputs).toEqual({
      ...B,
      displayName: "pair-b-service",
      accept: { environments: [], networks: [A.network.id] },
    });
  });

  it.each([
    ["pair-a-to-b", A, "nls-pair-b-service", B],
    ["pair-b-to-a", B, "nls-pair-a-service", A],
  ])(
    "registers endpoint %s in its origin network, pointing at the other side's service",
    async (name, origin, serviceId, target) => {
      const link = new BidirectionalNetworkLink("pair", { a: A, b: B });
      await settle(children(link));

      expect(byName(name)[name]).toEqual({
        type: ENDPOINT_TYPE,
        name,
        custom: true,
        inputs: {
          ...origin,
          displayName: name,
          networkLinkService: {
            id: serviceId,
            environment: target.environment.id,
            network: target.network.id,
          },
        },
      });
    },
  );

  it("parents every child to the component and exposes them by direction", async () => {
    const link = new BidirectionalNetworkLink("pair", { a: A, b: B });
    for (const child of children(link)) expect(await parentTypeOf(child)).toBe(TYPE);
    expect(await valueOf(link.aToB.network)).toEqual(A.network);
    expect(await valueOf(link.bToA.network)).toEqual(B.network);
  });

  it("passes the shared settings and the display name prefix to every child", async () => {
    const link = new BidirectionalNetworkLink("pair", {
      a: A,
      b: B,
      displayNamePrefix: "east-west",
      description: "replication",
      allowPendingAccept: true,
      readyTimeoutSeconds: 600,
    });
    await settle(children(link));

    const seen = byName("pair-");
    expect(seen["pair-a-service"].inputs).toMatchObject({
      displayName: "east-west-a-service",
      description: "replication",
      readyTimeoutSeconds: 600,
    });
    expect(seen["pair-a-service"].inputs).not.toHaveProperty("allowPendingAccept");
    expect(seen["pair-b-to-a"].inputs).toMatchObject({
      displayName: "east-west-b-to-a",
      description: "replication",
      allowPendingAccept: true,
      readyTimeoutSeconds: 600,
    });
  });

  it("takes environments and networks given as Outputs or resources with an id", async () => {
    const environment = new FakeEnvironment("env-b");
    const link = new BidirectionalNetworkLink("outputs", {
      a: { environment: pulumi.output(A.environment), network: { id: pulumi.output(A.network.id) } },
      b: { environment, network: B.network },
    });
    await settle(children(link));

    expect(byName("outputs-b-service")["outputs-b-service"].inputs).toMatchObject({
      environment: { id: "env-b-id" },
      accept: { networks: [A.network.id] },
    });
  });

  it.each([
    [{ aToB: "READY", bToA: "READY" }, true],
    [{ aToB: "READY", bToA: "PENDING_ACCEPT" }, false],
    [{ aToB: "INACTIVE", bToA: "READY" }, false],
  ])("reports phases %j: ready %s", async (phases, ready) => {
    phaseOverrides.set("ph-a-to-b", phases.aToB);
    phaseOverrides.set("ph-b-to-a", phases.bToA);
    const link = new BidirectionalNetworkLink("ph", { a: A, b: B });

    expect(await valueOf(link.phases)).toEqual({ aService: "READY", bService: "READY", ...phases });
    expect(await valueOf(link.ready)).toBe(ready);
  });

  it("throws before registering children when a and b are the same network", async () => {
    expect(() => new BidirectionalNetworkLink("same", { a: A, b: { ...A } })).toThrow(
      "a and b are the same network n-aaaaa1: a network link joins two different networks, so give b another network",
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(registered.filter((r) => r.custom)).toEqual([]);
  });
});

describe("BidirectionalNetworkLink with an existing service on a side", () => {
  it.each([
    ["by environment", { environments: [A.environment.id], networks: [] }],
    ["by network", { environments: [], networks: [A.network.id] }],
  ])("uses a service that admits the other side %s, creating none in its network", async (_, accept) => {
    const existing = new NetworkLinkService("existing-b", { ...B, accept });
    const link = new BidirectionalNetworkLink("brought", { a: A, b: { ...B, service: existing } });
    await settle(children(link));

    expect(link.bService).toBe(existing);
    const seen = byName("brought");
    expect(Object.keys(seen).sort()).toEqual([
      "brought",
      "brought-a-service",
      "brought-a-to-b",
      "brought-b-to-a",
    ]);
    expect(seen["brought-a-to-b"].inputs.networkLinkService).toEqual({
      id: "nls-existing-b",
      environment: B.environment.id,
      network: B.network.id,
    });
  });

  it("fails naming the service and the missing ID when it does not admit the other side", async () => {
    const existing = new NetworkLinkService("closed-b", {
      ...B,
      accept: { environments: ["env-zzzzz9"], networks: [] },
    });
    let link: BidirectionalNetworkLink | undefined;
    const rejections = await collectRejections(async () => {
      link = new BidirectionalNetworkLink("refused", { a: A, b: { ...B, service: existing } });
      await expect(valueOf(link.aToB.urn)).rejects.toThrow("does not admit side a");
      await settle([link.aService, link.bToA]);
    });

    expect(rejections).toEqual([
      "network link service 'closed-b' (nls-closed-b) does not admit side a (network n-aaaaa1, environment " +
        "env-aaaaa1): its accept list has environments [env-zzzzz9] and networks [none]. Add 'n-aaaaa1' to " +
        "its accept.networks, or leave out `service` so that the component creates the service",
    ]);
    expect(Object.keys(byName("refused")).sort()).toEqual(["refused", "refused-a-service", "refused-b-to-a"]);
  });
});

describe("validatePair", () => {
  it.each([
    ["n-1", "n-2", undefined],
    ["n-1", undefined, undefined],
    [undefined, undefined, undefined],
    [
      "n-1",
      "n-1",
      "a and b are the same network n-1: a network link joins two different networks, so give b another network",
    ],
  ])("(%s, %s) -> %s", (a, b, problem) => {
    expect(validatePair(a, b)).toBe(problem);
  });
});
