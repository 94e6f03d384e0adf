/**
 * Check failures name the property and the rule without echoing values that may be secret or huge,
 * and report the top-level property with the nested path in the reason (issue 14).
 */
import { NetworkLinkEndpointProvider } from "../../provider/lifecycle/endpoint-spec";
import { NetworkLinkServiceProvider } from "../../provider/lifecycle/service-spec";
import { offlineContext } from "../support/offline-context";

const service = {
  environment: { id: "env-target1" },
  network: { id: "n-target1" },
  displayName: "target-service",
  accept: { environments: ["env-origin1"], networks: [] },
};
const endpoint = {
  environment: { id: "env-origin1" },
  network: { id: "n-origin1" },
  networkLinkService: { id: "nls-abc123" },
  displayName: "origin-endpoint",
};

const services = () => new NetworkLinkServiceProvider(offlineContext());
const endpoints = () => new NetworkLinkEndpointProvider(offlineContext());

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
