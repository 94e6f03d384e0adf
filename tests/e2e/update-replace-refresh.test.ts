/**
 * The changes users make, through the real engine against the emulator: what updates in place, what
 * is no change, what replaces (and in which order), what refresh does after drift, and how an `up`
 * fails when an endpoint's service cannot take it or the endpoint turns FAILED.
 */
import { NetworkLinkEndpoint, NetworkLinkService } from "../../provider";
import { changes, E2e, startE2e } from "../support/emulator-stacks";

interface Shape {
  serviceName?: string;
  description?: string;
  accept?: { environments?: string[]; networks?: string[] };
  origin?: string;
  target?: "first" | "second";
}

/** One service (two when `target` is "second") in env-aaaaa1 and one endpoint from env-bbbbb1. */
function program(shape: Shape = {}) {
  return async () => {
    const accept = shape.accept ?? { environments: ["env-bbbbb1"], networks: [] };
    const first = new NetworkLinkService("target", {
      environment: { id: "env-aaaaa1" },
      network: { id: "n-aaaaa1" },
      displayName: shape.serviceName ?? "target",
      description: shape.description,
      accept,
    });
    const second =
      shape.target === "second"
        ? new NetworkLinkService("target2", {
            environment: { id: "env-aaaaa1" },
            network: { id: "n-aaaaa2" },
            accept,
          })
        : undefined;
    const endpoint = new NetworkLinkEndpoint("origin", {
      environment: { id: "env-bbbbb1" },
      network: { id: shape.origin ?? "n-bbbbb1" },
      networkLinkService: second ?? first,
    });
    return { service: first.id, endpoint: endpoint.id, phase: endpoint.phase };
  };
}

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(() => e2e.close());
beforeEach(() => e2e.admin.reset());

async function emulatorState() {
  const state = await e2e.admin.state();
  return {
    services: state.services.map(
      (s) => s as { id: string; status: { phase: string }; spec: { network: { id: string } } },
    ),
    endpoints: state.endpoints.map(
      (e) =>
        e as {
          id: string;
          status: { phase: string };
          spec: { network: { id: string }; network_link_service: { id: string } };
        },
    ),
  };
}

test("a new name or description updates in place, never replaces", async () => {
  const stack = await e2e.stack(program());
  const first = await stack.up();
  stack.setProgram(program({ serviceName: "renamed", description: "for cluster linking" }));
  const preview = await stack.preview();
  expect(changes(preview.changeSummary)).toEqual({ same: 2, update: 1 });
  const up = await stack.up();
  expect(changes(up.summary.resourceChanges)).toEqual({ same: 2, update: 1 });
  expect(up.outputs.service.value).toBe(first.outputs.service.value);
  const { services } = await emulatorState();
  expect(services).toHaveLength(1);
  expect(services[0]).toMatchObject({
    id: first.outputs.service.value,
    spec: { display_name: "renamed", description: "for cluster linking" },
  });
});

test("a reordered accept list is no change", async () => {
  const stack = await e2e.stack(
    program({ accept: { environments: ["env-bbbbb1", "env-aaaaa1"], networks: ["n-bbbbb2", "n-bbbbb1"] } }),
  );
  await stack.up();
  stack.setProgram(
    program({ accept: { environments: ["env-aaaaa1", "env-bbbbb1"], networks: ["n-bbbbb1", "n-bbbbb2"] } }),
  );
  await expect(stack.preview({ expectNoChanges: true })).resolves.toBeDefined();
});

test("an endpoint moved to another network is replaced, ends READY and leaves nothing behind", async () => {
  const stack = await e2e.stack(program());
  const before = await stack.up();
  stack.setProgram(program({ origin: "n-bbbbb2" }));
  const up = await stack.up();
  expect(changes(up.summary.resourceChanges)).toEqual({ same: 2, replace: 1 });
  expect(up.outputs.phase.value).toBe("READY");
  const { endpoints } = await emulatorState();
  expect(endpoints).toHaveLength(1);
  expect(endpoints[0].id).not.toBe(before.outputs.endpoint.value);
  expect(endpoints[0]).toMatchObject({ spec: { network: { id: "n-bbbbb2" } }, status: { phase: "READY" } });
});

test("an endpoint moved to another service is replaced after the new service exists", async () => {
  const stack = await e2e.stack(program());
  await stack.up();
  stack.setProgram(program({ target: "second" }));
  const up = await stack.up();
  expect(changes(up.summary.resourceChanges)).toEqual({ same: 2, create: 1, replace: 1 });
  const { services, endpoints } = await emulatorState();
  expect(services).toHaveLength(2);
  const second = services.find((s) => s.spec.network.id === "n-aaaaa2");
  expect(endpoints).toHaveLength(1);
  expect(endpoints[0]).toMatchObject({
    spec: { network_link_service: { id: second?.id } },
    status: { phase: "READY" },
  });
});

test("an origin removed from the accept list disconnects; refresh then up with the accept list restored replaces it", async () => {
  const stack = await e2e.stack(program());
  const first = await stack.up();
  stack.setProgram(program({ accept: { environments: [], networks: [] } }));
  await stack.up();
  expect((await emulatorState()).endpoints[0].status.phase).toBe("DISCONNECTED");

  // Still excluded: the replacement's preflight says why, before any POST.
  await stack.refresh();
  const err = await stack.up().catch((e) => e);
  expect(String(err.message)).toContain("does not accept environment env-bbbbb1 or network n-bbbbb1");
  expect((await emulatorState()).endpoints).toHaveLength(0);

  stack.setProgram(program());
  await stack.refresh();
  const up = await stack.up();
  expect(up.outputs.phase.value).toBe("READY");
  const { endpoints } = await emulatorState();
  expect(endpoints).toHaveLength(1);
  expect(endpoints[0].id).not.toBe(first.outputs.endpoint.value);
  expect(endpoints[0].status.phase).toBe("READY");
});

test("a resource deleted out of band is dropped by refresh and recreated by up", async () => {
  const stack = await e2e.stack(program());
  const first = await stack.up();
  await e2e.admin.deleteOutOfBand(first.outputs.endpoint.value);
  const refresh = await stack.refresh();
  expect(changes(refresh.summary.resourceChanges)).toMatchObject({ delete: 1 });
  const up = await stack.up();
  expect(changes(up.summary.resourceChanges)).toEqual({ same: 2, create: 1 });
  expect((await emulatorState()).endpoints).toHaveLength(1);
});

describe("an endpoint whose service cannot take it fails before any POST", () => {
  const endpointOnly = (serviceId: string) => async () => {
    const endpoint = new NetworkLinkEndpoint("origin", {
      environment: { id: "env-bbbbb1" },
      network: { id: "n-bbbbb1" },
      networkLinkService: { id: serviceId, environment: "env-aaaaa1" },
    });
    return { endpoint: endpoint.id };
  };

  async function upFails(serviceId: string): Promise<string> {
    const stack = await e2e.stack(endpointOnly(serviceId));
    await e2e.admin.resetCounters();
    const err = await stack.up().catch((e) => e);
    expect((await e2e.admin.counters()).byRoute["POST /networking/v1/network-link-endpoints"] ?? 0).toBe(0);
    return String(err.message);
  }

  async function serviceBy(accept: string[]): Promise<string> {
    const admin = await e2e.stack(async () => {
      const svc = new NetworkLinkService("svc", {
        environment: { id: "env-aaaaa1" },
        network: { id: "n-aaaaa1" },
        accept: { environments: accept },
      });
      return { id: svc.id };
    });
    return (await admin.up()).outputs.id.value;
  }

  test("missing", async () => {
    expect(await upFails("nls-zzzzz9")).toContain(
      "network link service nls-zzzzz9 was not found in environment env-aaaaa1",
    );
  });

  test("not READY", async () => {
    const id = await serviceBy(["env-bbbbb1"]);
    await e2e.admin.forcePhase(id, "PROVISIONING");
    expect(await upFails(id)).toContain(`service ${id} is PROVISIONING, not READY`);
  });

  test("not accepting the origin", async () => {
    const id = await serviceBy(["env-aaaaa1"]);
    expect(await upFails(id)).toContain(
      `service ${id} does not accept environment env-bbbbb1 or network n-bbbbb1`,
    );
  });
});

test("a forced FAILED phase fails up with the API's message, keeps the resource in the state, and destroy cleans it", async () => {
  await e2e.admin.setDelays({ endpointProvisioningMs: 3000 });
  const stack = await e2e.stack(program());
  const up = stack.up().catch((e) => e);
  let endpointId: string | undefined;
  for (let i = 0; i < 200 && !endpointId; i++) {
    await new Promise((r) => setTimeout(r, 50));
    endpointId = (await emulatorState()).endpoints[0]?.id;
  }
  expect(endpointId).toBeDefined();
  await e2e.admin.forcePhase(endpointId as string, "FAILED", {
    error_code: "link_failed",
    error_message: "target network unreachable",
  });
  const err = await up;
  expect(String(err.message)).toContain("link_failed: target network unreachable");
  const state = await stack.exportState();
  const recorded = state.deployment.resources?.find((r) => r.type.endsWith("NetworkLinkEndpoint"));
  expect(recorded?.id).toBe(endpointId);
  await stack.destroy();
  expect(await emulatorState()).toEqual({ services: [], endpoints: [] });
});
