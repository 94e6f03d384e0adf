/**
 * Check failures name the property and the rule without echoing values that may be secret or huge,
 * and report the top-level property with the nested path in the reason (issue 14).
 */
import {
  OFFLINE_ENDPOINT as endpoint,
  OFFLINE_SERVICE as service,
  offlineEndpoints as endpoints,
  offlineServices as services,
} from "../support/offline-context";

describe("values in check failures", () => {
  it("a value that may be a secret is not quoted", async () => {
    const secretish = "Zx9SECRETvalue+/abcdefghijklmnopqrstuvwxyz0123456789";
    const { failures } = await services().check({}, { ...service, network: { id: secretish } });
    expect(failures).toHaveLength(1);
    expect(JSON.stringify(failures)).not.toContain(secretish);
    expect(failures![0].reason).toContain("network.id must be a network ID like 'n-abc123'");
  });

  it("a 10,000-character value is not quoted whole", async () => {
    const { failures } = await services().check({}, { ...service, displayName: "d".repeat(10_000) });
    expect(JSON.stringify(failures).length).toBeLessThan(400);
    expect(failures![0].reason).toContain("displayName must be at most 255 characters");
  });

  it("reports the top-level property, with the nested path in the reason", async () => {
    const { failures } = await endpoints().check(
      {},
      { ...endpoint, networkLinkService: { id: "nle-abc123" } },
    );
    expect(failures).toEqual([
      {
        property: "networkLinkService",
        reason: expect.stringMatching(/^networkLinkService\.id must be a network link service ID/),
      },
    ]);
  });

  it("a short ID-shaped value is still quoted, which helps spot a wrong prefix", async () => {
    const { failures } = await services().check({}, { ...service, environment: { id: "n-abc123" } });
    expect(failures![0].reason).toContain("got 'n-abc123'");
  });
});
