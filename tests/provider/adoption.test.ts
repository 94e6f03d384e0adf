/**
 * Adoption by the providers, against a real emulator: a create that meets an object it did not make
 * names it and the `adoptExistingId` that takes it; with that input the create takes the object and
 * makes it match the inputs; an object of another network is refused.
 */
import {
  endpointInputs,
  Harness,
  ORIGIN,
  serviceInputs,
  startHarness,
  TARGET,
} from "../support/provider-emulator";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.admin.reset();
  h.context.messages.length = 0;
});

describe("NetworkLinkService", () => {
  it("refuses a second service in a network, naming the existing one and how to adopt it", async () => {
    const existing = await h.client.create("service", { spec: { ...TARGET, display_name: "made-by-hand" } });
    await expect(h.services.create(serviceInputs())).rejects.toThrow(
      `network ${TARGET.network.id} already has network link service ${existing.id} ('made-by-hand')`,
    );
    await expect(h.services.create(serviceInputs())).rejects.toThrow(`adoptExistingId: "${existing.id}"`);
    expect((await h.admin.state()).services).toHaveLength(1);
  });

  it("adopts an existing service and makes it match the inputs", async () => {
    const existing = await h.client.create("service", {
      spec: { ...TARGET, display_name: "made-by-terraform" },
    });
    const { id, outs } = await h.services.create(serviceInputs({ adoptExistingId: existing.id }));
    expect(id).toBe(existing.id);
    expect(outs!).toMatchObject({
      displayName: "target-service",
      accept: { environments: [ORIGIN.environment.id] },
    });
    expect((await h.client.read("service", TARGET.environment.id, id)).spec.display_name).toBe(
      "target-service",
    );
  });

  it("refuses to adopt a service of another network", async () => {
    const existing = await h.client.create("service", { spec: { ...TARGET, display_name: "x" } });
    await expect(
      h.services.create(serviceInputs({ network: { id: "n-aaaaa2" }, adoptExistingId: existing.id })),
    ).rejects.toThrow(
      `adoptExistingId: network link service ${existing.id} is in network ${TARGET.network.id} (inputs say n-aaaaa2)`,
    );
  });
});

describe("NetworkLinkEndpoint", () => {
  it("names an endpoint it did not make for the same pair, and how to adopt it", async () => {
    const service = await h.services.create(serviceInputs());
    const existing = await h.client.create("endpoint", {
      spec: { ...ORIGIN, network_link_service: { id: service.id }, display_name: "by-hand" },
    });
    await expect(h.endpoints.create(endpointInputs(service.id))).rejects.toThrow(
      `adoptExistingId: "${existing.id}"`,
    );
    const { id } = await h.endpoints.create(endpointInputs(service.id, { adoptExistingId: existing.id }));
    expect(id).toBe(existing.id);
    expect((await h.admin.state()).endpoints).toHaveLength(1);
  });
});
