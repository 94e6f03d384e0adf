/**
 * Each resource's create, read, update and delete by its provider, against a real emulator: the wait
 * for READY and for gone, the checks before an endpoint's POST, FAILED and PENDING_ACCEPT outcomes, and
 * deletes blocked by endpoints.
 */
import { ResourceInitError } from "../../provider/lifecycle/init-error";
import {
  endpointInputs,
  Harness,
  ORIGIN,
  ORIGIN2,
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

async function writes() {
  return (await h.admin.counters()).writes;
}

describe("NetworkLinkService", () => {
  it("creates a service, waits for READY and records the CRN", async () => {
    const { id, outs } = await h.services.create(serviceInputs());
    expect(id).toMatch(/^nls-/);
    expect(outs!).toMatchObject({
      phase: "READY",
      network: TARGET.network,
      accept: { environments: [ORIGIN.environment.id], networks: [] },
      resourceName: expect.stringContaining(`network-link-service=${id}`),
    });
    expect((await h.admin.state()).services).toHaveLength(1);
  });

  it("updates only the changed fields in place and reads them back", async () => {
    const { id, outs } = await h.services.create(serviceInputs());
    await h.admin.resetCounters();
    const news = serviceInputs({
      displayName: "renamed",
      accept: { environments: [ORIGIN.environment.id], networks: [ORIGIN2.network.id] },
    });
    const updated = await h.services.update(id, outs!, news);
    expect(updated.outs).toMatchObject({
      displayName: "renamed",
      accept: { networks: [ORIGIN2.network.id] },
    });
    const counters = await h.admin.counters();
    expect(counters.writes).toBe(1);
    expect(counters.byRoute["PATCH /networking/v1/network-link-services/:id"]).toBe(1);
  });

  it("read reports drift and returns nothing once the service is gone", async () => {
    const { id, outs } = await h.services.create(serviceInputs());
    await h.client.update("service", id, {
      spec: { environment: TARGET.environment, description: "changed by hand" },
    });
    expect((await h.services.read(id, outs!)).props).toMatchObject({ description: "changed by hand" });
    await h.admin.deleteOutOfBand(id);
    expect(await h.services.read(id, outs!)).toEqual({});
  });

  it("deletes and waits until the service is gone; a second delete is a no-op", async () => {
    const { id, outs } = await h.services.create(serviceInputs());
    await h.services.delete(id, outs!);
    expect((await h.admin.state()).services).toHaveLength(0);
    await expect(h.services.delete(id, outs!)).resolves.toBeUndefined();
  });

  it("records a service that turns FAILED as an initialization error with its ID and the API's message", async () => {
    await h.admin.setDelays({ serviceProvisioningMs: 300 });
    const create = h.services.create(serviceInputs());
    await new Promise((r) => setTimeout(r, 50));
    const [service] = (await h.admin.state()).services;
    await h.admin.forcePhase(service.id as string, "FAILED", {
      error_code: "provisioning_failed",
      error_message: "no capacity",
    });
    const err = await create.catch((e) => e);
    expect(err).toBeInstanceOf(ResourceInitError);
    expect(err.id).toBe(service.id);
    expect(err.message).toContain("phase FAILED: provisioning_failed: no capacity");
    expect(err.properties).toMatchObject({ phase: "FAILED", errorMessage: "no capacity" });
  });

  it("fails a delete blocked by endpoints, listing them, after the delete timeout", async () => {
    const service = await h.services.create(serviceInputs());
    const endpoint = await h.endpoints.create(endpointInputs(service.id));
    const err = await h.services
      .delete(service.id, { ...service.outs!, deleteTimeoutSeconds: 1 })
      .catch((e) => e);
    expect(err.message).toContain(
      `network link service ${service.id} cannot be deleted: endpoints ${endpoint.id} (READY) still use it`,
    );
    expect((await h.admin.state()).services).toHaveLength(1);
  });

  it("fails a delete blocked by endpoints that nobody deletes once the grace has passed, long before its timeout", async () => {
    const service = await h.services.create(serviceInputs());
    const endpoint = await h.endpoints.create(endpointInputs(service.id));
    const started = Date.now();
    const err = await h.services
      .delete(service.id, { ...service.outs!, deleteTimeoutSeconds: 600 })
      .catch((e) => e);
    expect(err.message).toContain(`endpoints ${endpoint.id} (READY) still use it`);
    // The harness's grace is 300 ms; without it the delete would retry for its 600 s.
    expect(Date.now() - started).toBeLessThan(30_000);
    expect((await h.admin.state()).services).toHaveLength(1);
  });

  it("deletes a service once its endpoints finish deprovisioning, past the grace while they are on their way out", async () => {
    // Longer than the harness's 300 ms grace and the first retry: the delete must see them leaving.
    await h.admin.setDelays({ deprovisioningMs: 2_500 });
    const service = await h.services.create(serviceInputs());
    const endpoint = await h.endpoints.create(endpointInputs(service.id));
    await h.client.remove("endpoint", ORIGIN.environment.id, endpoint.id);
    await h.services.delete(service.id, service.outs!);
    const state = await h.admin.state();
    expect(state.services).toHaveLength(0);
    expect(state.endpoints).toHaveLength(0);
  });
});

describe("NetworkLinkEndpoint", () => {
  async function readyService(overrides: Record<string, unknown> = {}) {
    return h.services.create(serviceInputs(overrides));
  }

  it("creates an endpoint after checking its service, and waits for READY", async () => {
    const service = await readyService();
    const { id, outs } = await h.endpoints.create(endpointInputs(service.id));
    expect(id).toMatch(/^nle-/);
    expect(outs!).toMatchObject({
      phase: "READY",
      networkLinkService: { id: service.id },
      resourceName: expect.stringContaining(id),
    });
  });

  it("fails before any POST when the service does not exist", async () => {
    await h.admin.resetCounters();
    await expect(h.endpoints.create(endpointInputs("nls-zzzzz9"))).rejects.toThrow(
      "networkLinkService: network link service nls-zzzzz9 was not found in environment env-aaaaa1",
    );
    expect(await writes()).toBe(0);
  });

  it("fails before any POST when the service does not accept the origin, naming its accept list", async () => {
    const service = await readyService({ accept: { environments: ["env-aaaaa1"], networks: [] } });
    await h.admin.resetCounters();
    await expect(h.endpoints.create(endpointInputs(service.id))).rejects.toThrow(
      `service ${service.id} does not accept environment ${ORIGIN.environment.id} or network ${ORIGIN.network.id} (its accept list: environments [env-aaaaa1], networks [])`,
    );
    expect(await writes()).toBe(0);
  });

  it("fails before any POST when the service is not READY", async () => {
    const service = await readyService();
    await h.admin.forcePhase(service.id, "PROVISIONING");
    await h.admin.resetCounters();
    await expect(h.endpoints.create(endpointInputs(service.id))).rejects.toThrow(
      `service ${service.id} is PROVISIONING, not READY`,
    );
    expect(await writes()).toBe(0);
  });

  it("fails before any POST when the service is in the endpoint's own network", async () => {
    const service = await h.services.create({
      ...serviceInputs(),
      ...ORIGIN,
      accept: { environments: [ORIGIN.environment.id] },
    });
    await h.admin.resetCounters();
    await expect(
      h.endpoints.create(endpointInputs(service.id, { networkLinkService: { id: service.id } })),
    ).rejects.toThrow(`service ${service.id} is in network ${ORIGIN.network.id}, the endpoint's own network`);
    expect(await writes()).toBe(0);
  });

  it("settles INACTIVE with a warning when the origin network has no Kafka cluster", async () => {
    await h.admin.setKafkaClusters(ORIGIN.network.id, 0);
    const service = await readyService();
    const { outs } = await h.endpoints.create(endpointInputs(service.id));
    expect(outs!.phase).toBe("INACTIVE");
    expect(h.context.messages).toContainEqual(
      expect.stringMatching(
        /^warn: endpoint 'origin-endpoint' \(nle-\w+\) in n-bbbbb1 to service nls-\w+: INACTIVE/,
      ),
    );
    await h.admin.setKafkaClusters(ORIGIN.network.id, 1);
  });

  it("finishes in PENDING_ACCEPT with a warning when allowPendingAccept is set", async () => {
    const service = await readyService({ accept: { environments: [], networks: [] } });
    const { outs } = await h.endpoints.create(endpointInputs(service.id, { allowPendingAccept: true }));
    expect(outs!.phase).toBe("PENDING_ACCEPT");
    expect(h.context.messages).toContainEqual(expect.stringContaining("does not accept this endpoint yet"));
  });

  it("times out in PENDING_ACCEPT as an initialization error naming the accept list fix", async () => {
    await h.admin.setDelays({ endpointProvisioningMs: 300 });
    const service = await readyService();
    const create = h.endpoints.create(endpointInputs(service.id, { readyTimeoutSeconds: 1 }));
    await new Promise((r) => setTimeout(r, 50));
    const [endpoint] = (await h.admin.state()).endpoints;
    await h.admin.forcePhase(endpoint.id as string, "PENDING_ACCEPT");
    const err = await create.catch((e) => e);
    expect(err).toBeInstanceOf(ResourceInitError);
    expect(err.id).toBe(endpoint.id);
    expect(err.message).toContain("still PENDING_ACCEPT after 1s");
    expect(err.message).toContain("add one of them to its accept list, or set allowPendingAccept: true");
  });

  it("fails with the API's message when the endpoint turns FAILED, keeping its ID", async () => {
    await h.admin.setDelays({ endpointProvisioningMs: 300 });
    const service = await readyService();
    const create = h.endpoints.create(endpointInputs(service.id));
    await new Promise((r) => setTimeout(r, 50));
    const [endpoint] = (await h.admin.state()).endpoints;
    await h.admin.forcePhase(endpoint.id as string, "FAILED", {
      error_code: "link_failed",
      error_message: "target unreachable",
    });
    const err = await create.catch((e) => e);
    expect(err).toBeInstanceOf(ResourceInitError);
    expect(err.id).toBe(endpoint.id);
    expect(err.message).toContain("link_failed: target unreachable");
  });

  it("updates name and description in place", async () => {
    const service = await readyService();
    const { id, outs } = await h.endpoints.create(endpointInputs(service.id));
    const { outs: updated } = await h.endpoints.update(
      id,
      outs!,
      endpointInputs(service.id, { displayName: "new", description: "why" }),
    );
    expect(updated).toMatchObject({ displayName: "new", description: "why", phase: "READY" });
  });

  it("reports DISCONNECTED on read after the service drops the origin from its accept list", async () => {
    const service = await readyService();
    const { id, outs } = await h.endpoints.create(endpointInputs(service.id));
    await h.services.update(
      service.id,
      service.outs!,
      serviceInputs({ accept: { environments: [], networks: [] } }),
    );
    expect((await h.endpoints.read(id, outs!)).props).toMatchObject({ phase: "DISCONNECTED" });
  });

  it("deletes and waits until the endpoint is gone; 404 counts as done", async () => {
    const service = await readyService();
    const { id, outs } = await h.endpoints.create(endpointInputs(service.id));
    await h.endpoints.delete(id, outs!);
    expect((await h.admin.state()).endpoints).toHaveLength(0);
    await expect(h.endpoints.delete(id, outs!)).resolves.toBeUndefined();
  });
});
