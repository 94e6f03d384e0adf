/**
 * Check refuses at preview what `up` would refuse later (issue 14): IDs and texts over the API's
 * limits, unknown properties (naming the nearest known one), and an endpoint pointing at a service in
 * its own network; a service whose accept list is empty gets a warning.
 */
import { emptyAcceptWarning } from "../../provider/resources/service";
import {
  OFFLINE_ENDPOINT as endpoint,
  OFFLINE_SERVICE as service,
  offlineEndpoints as endpoints,
  offlineServices as services,
} from "../support/offline-context";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

describe("preview refuses what up would refuse", () => {
  it.each([
    ["environment.id", { environment: { id: `env-${"a".repeat(252)}` } }],
    ["network.id", { network: { id: `n-${"a".repeat(254)}` } }],
    ["accept.networks[0]", { accept: { networks: [`n-${"a".repeat(254)}`] } }],
    ["adoptExistingId", { adoptExistingId: `nls-${"a".repeat(252)}` }],
  ])("an ID over 255 characters (%s)", async (path, change) => {
    const { failures } = await services().check({}, { ...service, ...change });
    expect(failures?.[0].reason).toMatch(
      new RegExp(`^${path.replace(/[.[\]]/g, "\\$&")} .*at most 255 characters`),
    );
  });

  it("a description over 255 characters, the API's limit", async () => {
    const { failures } = await endpoints().check({}, { ...endpoint, description: "x".repeat(256) });
    expect(failures?.[0]).toEqual({
      property: "description",
      reason: expect.stringContaining("at most 255 characters"),
    });
    expect(
      (await endpoints().check({}, { ...endpoint, description: "x".repeat(255) })).failures,
    ).toBeUndefined();
  });

  it("an unknown property, naming the nearest known one", async () => {
    const { failures } = await services().check({}, { ...service, acept: { environments: ["env-origin1"] } });
    expect(failures).toEqual([
      {
        property: "acept",
        reason: expect.stringContaining(
          "acept is not a property of NetworkLinkService; did you mean 'accept'?",
        ),
      },
    ]);
  });

  it("an unknown nested property", async () => {
    const { failures } = await services().check({}, { ...service, accept: { enviroments: ["env-origin1"] } });
    expect(failures?.[0]).toEqual({
      property: "accept",
      reason: expect.stringContaining("accept.enviroments is not a property; did you mean 'environments'?"),
    });
  });

  it("an endpoint pointing at a service resource in its own network fails while the service ID is unknown", async () => {
    const news = {
      ...endpoint,
      networkLinkService: { id: UNKNOWN, environment: UNKNOWN, network: "n-origin1" },
    };
    const { failures } = await endpoints().check({}, news);
    expect(failures).toEqual([
      {
        property: "networkLinkService",
        reason: expect.stringContaining("the endpoint's own network n-origin1"),
      },
    ]);
  });

  it.each([
    ["both lists empty", { environments: [], networks: [] }, true],
    ["no accept at all", undefined, true],
    ["one environment", { environments: ["env-origin1"] }, false],
    ["one network", { networks: ["n-origin1"] }, false],
    ["a list not known yet", { environments: UNKNOWN as unknown as string[] }, false],
  ])("a service whose accept list is empty gets a warning: %s", (_name, accept, warned) => {
    const warning = emptyAcceptWarning(accept);
    expect(warning !== undefined).toBe(warned);
    if (warned) expect(warning).toContain("accepts no environment or network");
  });
});
