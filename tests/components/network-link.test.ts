import * as pulumi from "@pulumi/pulumi";
import {
  A,
  B,
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
import { NetworkLink, validateLink } from "../../provider/components/network-link";
import { NetworkLinkService } from "../../provider/resources/service";

const TYPE = "confluent-network-link:index:NetworkLink";

beforeEach(() => {
  registered.length = 0;
  phaseOverrides.clear();
});

describe("NetworkLink", () => {
  it("registers the target's service accepting the origin network, and the origin's endpoint", async () => {
    const link = new NetworkLink("one", { origin: A, target: B });
    await settle([link.service, link.endpoint]);

    expect(byName("one")).toEqual({
      one: expect.objectContaining({ type: TYPE, custom: false }),
      "one-target-service": {
        type: SERVICE_TYPE,
        name: "one-target-service",
        custom: true,
        inputs: {
          ...B,
          displayName: "one-target-service",
          accept: { environments: [], networks: [A.network.id] },
        },
      },
      "one-origin-to-target": {
        type: ENDPOINT_TYPE,
        name: "one-origin-to-target",
        custom: true,
        inputs: {
          ...A,
          displayName: "one-origin-to-target",
          networkLinkService: {
            id: "nls-one-target-service",
            ...{ environment: "env-bbbbb1", network: "n-bbbbb1" },
          },
        },
      },
    });
    expect(await parentTypeOf(link.service)).toBe(TYPE);
    expect(await parentTypeOf(link.endpoint)).toBe(TYPE);
    expect(await valueOf(link.phases)).toEqual({ service: "READY", endpoint: "READY" });
    expect(await valueOf(link.ready)).toBe(true);
  });

  it.each([
    ["READY", true],
    ["PENDING_ACCEPT", false],
    ["INACTIVE", false],
  ])("is ready only when the endpoint is READY (%s: %s)", async (phase, ready) => {
    phaseOverrides.set("p-origin-to-target", phase);
    const link = new NetworkLink("p", { origin: A, target: B, allowPendingAccept: true });
    expect(await valueOf(link.ready)).toBe(ready);
  });

  it("uses the target's existing service when it admits the origin", async () => {
    const existing = new NetworkLinkService("theirs", { ...B, accept: { environments: [A.environment.id] } });
    const link = new NetworkLink("reuse", { origin: A, target: { ...B, service: existing } });
    await settle([link.endpoint]);

    expect(link.service).toBe(existing);
    expect(Object.keys(byName("reuse"))).toEqual(["reuse", "reuse-origin-to-target"]);
  });

  it("does not create the endpoint when the existing service does not admit the origin", async () => {
    const existing = new NetworkLinkService("closed", { ...B, accept: { environments: [], networks: [] } });
    const rejections = await collectRejections(async () => {
      const link = new NetworkLink("shut", { origin: A, target: { ...B, service: existing } });
      await expect(valueOf(link.endpoint.urn)).rejects.toThrow("does not admit the origin");
    });

    expect(rejections).toEqual([
      "network link service 'closed' (nls-closed) does not admit the origin (network n-aaaaa1, environment " +
        "env-aaaaa1): its accept list has environments [none] and networks [none]. Add 'n-aaaaa1' to its " +
        "accept.networks, or leave out `service` so that the component creates the service",
    ]);
    expect(Object.keys(byName("shut"))).toEqual(["shut"]);
  });

  it("does not create the endpoint when the existing service is in another network", async () => {
    const elsewhere = new NetworkLinkService("elsewhere", {
      environment: B.environment,
      network: { id: "n-bbbbb2" },
      accept: { environments: [A.environment.id] },
    });
    const rejections = await collectRejections(async () => {
      const link = new NetworkLink("astray", { origin: A, target: { ...B, service: elsewhere } });
      await expect(valueOf(link.endpoint.urn)).rejects.toThrow("is in network n-bbbbb2");
    });

    expect(rejections).toEqual([
      "network link service 'elsewhere' (nls-elsewhere) is in network n-bbbbb2, not in n-bbbbb1: give the " +
        "service of network n-bbbbb1, or leave out `service`",
    ]);
  });

  it("throws from the constructor when origin and target are the same network", () => {
    expect(() => new NetworkLink("loop", { origin: A, target: { ...A } })).toThrow(
      "origin and target are the same network n-aaaaa1: a network link joins two different networks",
    );
  });

  it("checks Output network IDs once they resolve", async () => {
    const rejections = await collectRejections(async () => {
      const link = new NetworkLink("late", {
        origin: { ...A, network: pulumi.output(A.network) },
        target: A,
      });
      await expect(valueOf(link.service.urn)).rejects.toThrow("same network");
    });
    expect(rejections).toEqual([
      "origin and target are the same network n-aaaaa1: a network link joins two different networks",
    ]);
  });
});

describe("validateLink", () => {
  it.each([
    ["n-1", "n-2", undefined],
    [undefined, "n-2", undefined],
    ["n-1", "n-1", "origin and target are the same network n-1: a network link joins two different networks"],
  ])("(%s, %s) -> %s", (origin, target, problem) => {
    expect(validateLink(origin, target)).toBe(problem);
  });
});
