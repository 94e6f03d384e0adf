/**
 * What the components hand each child for adoption (`adoptExistingIds`, keyed like `phases`) and
 * for credentials (`credentials` per side), and `isInstance` of each component.
 */
import { A, B, byName, collectRejections, registered, settle } from "../support/component-mocks";
import { BidirectionalNetworkLink } from "../../provider/components/bidirectional";
import { NetworkLinkMesh } from "../../provider/components/mesh";
import { NetworkLink } from "../../provider/components/network-link";

const C = { environment: { id: "env-bbbbb1" }, network: { id: "n-bbbbb2" } };
const KEY_A = { apiKeyConfig: "teamA:cloudApiKey", apiSecretConfig: "teamA:cloudApiSecret" };
const KEY_B = { apiKeyEnv: "TEAM_B_KEY", apiSecretEnv: "TEAM_B_SECRET" };

beforeEach(() => {
  registered.length = 0;
});

describe("adoptExistingIds", () => {
  it("passes each ID to the child it names in a BidirectionalNetworkLink, and nothing to the others", async () => {
    const link = new BidirectionalNetworkLink("pair", {
      a: A,
      b: B,
      adoptExistingIds: { aService: "nls-aaaaa1", bToA: "nle-bbbbb1" },
    });
    await settle([link.aService, link.bService, link.aToB, link.bToA]);
    const seen = byName("pair-");
    expect(
      Object.fromEntries(Object.entries(seen).map(([name, r]) => [name, r.inputs.adoptExistingId])),
    ).toEqual({
      "pair-a-service": "nls-aaaaa1",
      "pair-b-service": undefined,
      "pair-a-to-b": undefined,
      "pair-b-to-a": "nle-bbbbb1",
    });
  });

  it("keys a NetworkLink's children service and endpoint", async () => {
    const link = new NetworkLink("one", {
      origin: A,
      target: B,
      adoptExistingIds: { service: "nls-bbbbb1", endpoint: "nle-aaaaa1" },
    });
    await settle([link.service, link.endpoint]);
    expect(byName("one-")["one-target-service"].inputs.adoptExistingId).toBe("nls-bbbbb1");
    expect(byName("one-")["one-origin-to-target"].inputs.adoptExistingId).toBe("nle-aaaaa1");
  });

  it("keys a mesh's children like its phases output", async () => {
    const mesh = new NetworkLinkMesh("m", {
      networks: [
        { ...A, name: "x" },
        { ...B, name: "y" },
      ],
      adoptExistingIds: { "y-service": "nls-bbbbb1", "x-to-y": "nle-aaaaa1" },
    });
    await settle([...Object.values(mesh.services), ...Object.values(mesh.endpoints)]);
    const seen = byName("m-");
    expect(seen["m-y-service"].inputs.adoptExistingId).toBe("nls-bbbbb1");
    expect(seen["m-x-to-y"].inputs.adoptExistingId).toBe("nle-aaaaa1");
    expect(seen["m-x-service"].inputs.adoptExistingId).toBeUndefined();
    expect(seen["m-y-to-x"].inputs.adoptExistingId).toBeUndefined();
  });

  it("rejects a key that names no child, listing the valid ones, before registering any child", async () => {
    const caught = await collectRejections(async () => {
      expect(
        () => new BidirectionalNetworkLink("bad", { a: A, b: B, adoptExistingIds: { aToC: "nle-aaaaa1" } }),
      ).toThrow(
        "adoptExistingIds names 'aToC', which is not a child of this component: use 'aService', 'bService', 'aToB', 'bToA'",
      );
      expect(
        () => new NetworkLinkMesh("badmesh", { networks: [A, B, C], adoptExistingIds: { "0-to-0": "x" } }),
      ).toThrow(
        "adoptExistingIds names '0-to-0', which is not a child of this component: use '0-service', '0-to-1', '0-to-2', '1-service'",
      );
    });
    expect(caught.every((m) => m.includes("adoptExistingIds"))).toBe(true);
    expect(registered.filter((r) => r.custom)).toEqual([]);
  });
});

describe("credentials per side", () => {
  it("gives each side's service and endpoint that side's source, and each endpoint the source of the service it checks", async () => {
    const link = new BidirectionalNetworkLink("keys", {
      a: { ...A, credentials: KEY_A },
      b: { ...B, credentials: KEY_B },
    });
    await settle([link.aService, link.bService, link.aToB, link.bToA]);
    const seen = byName("keys-");
    expect(seen["keys-a-service"].inputs.credentials).toEqual(KEY_A);
    expect(seen["keys-b-service"].inputs.credentials).toEqual(KEY_B);
    expect(seen["keys-a-to-b"].inputs.credentials).toEqual(KEY_A);
    expect(seen["keys-a-to-b"].inputs.networkLinkService).toEqual({
      id: "nls-keys-b-service",
      environment: B.environment.id,
      network: B.network.id,
      credentials: KEY_B,
    });
    expect(seen["keys-b-to-a"].inputs.credentials).toEqual(KEY_B);
    expect((seen["keys-b-to-a"].inputs.networkLinkService as { credentials: unknown }).credentials).toEqual(
      KEY_A,
    );
  });

  it("leaves the credentials out when a side names none (the stack's keys)", async () => {
    const link = new NetworkLink("plain", { origin: A, target: B });
    await settle([link.service, link.endpoint]);
    for (const child of Object.values(byName("plain-"))) expect(child.inputs.credentials).toBeUndefined();
  });
});

describe("isInstance", () => {
  it("is true only for the component's own type", async () => {
    const one = new NetworkLink("i1", { origin: A, target: B });
    const pair = new BidirectionalNetworkLink("i2", { a: A, b: B });
    const mesh = new NetworkLinkMesh("i3", { networks: [A, B] });
    await settle([one.endpoint, pair.aToB, ...Object.values(mesh.endpoints)]);
    const table = [one, pair, mesh, one.service, { __pulumiType: "other" }, undefined].map((obj) => [
      NetworkLink.isInstance(obj),
      BidirectionalNetworkLink.isInstance(obj),
      NetworkLinkMesh.isInstance(obj),
    ]);
    expect(table).toEqual([
      [true, false, false],
      [false, true, false],
      [false, false, true],
      [false, false, false],
      [false, false, false],
      [false, false, false],
    ]);
  });
});
