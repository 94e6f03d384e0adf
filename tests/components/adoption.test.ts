/**
 * What the components hand each child for adoption: `adoptExistingIds`, keyed like `phases`, reaches
 * the child it names and no other; a key that names no child is refused before any child exists.
 */
import { A, B, byName, collectRejections, registered, settle } from "../support/component-mocks";
import { BidirectionalNetworkLink } from "../../provider/components/bidirectional";
import { NetworkLinkMesh } from "../../provider/components/mesh";
import { NetworkLink } from "../../provider/components/network-link";

const C = { environment: { id: "env-bbbbb1" }, network: { id: "n-bbbbb2" } };

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
        "adoptExistingIds names '0-to-0', which is not a child of this component: use '0-service', '1-service', '2-service', '0-to-1', '0-to-2'",
      );
    });
    expect(caught.every((m) => m.includes("adoptExistingIds"))).toBe(true);
    expect(registered.filter((r) => r.custom)).toEqual([]);
  });
});
