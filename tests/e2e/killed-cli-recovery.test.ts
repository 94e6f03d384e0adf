/**
 * `kill -9` of the `pulumi` CLI in the middle of an update, at three moments, and the recovery Pulumi
 * documents for an interrupted update (https://www.pulumi.com/docs/iac/support/troubleshooting/,
 * "Interrupted update recovery"): cancel, clear the pending operations, refresh, run again. A pending
 * create may have made the object in the cloud; Pulumi says to import it or delete it. `import` does not
 * work for dynamic resources (pulumi/pulumi#16175), so this package's `adoptExistingId` is the import:
 * the next `up` fails with an error naming the existing ID and that input, and the user sets it.
 *
 * After each recovery the emulator holds exactly what the program declares (no duplicate, no orphan),
 * and destroy leaves it empty.
 */
import { NetworkLinkEndpoint, NetworkLinkService } from "../../provider";
import type { TestStack } from "../../harness/stack";
import { changes, startE2e, type E2e } from "../support/emulator-stacks";

const SERVICES_ROUTE = "POST /networking/v1/network-link-services";

interface Adopt {
  service?: string;
  endpoint?: string;
}

function program(adopt: Adopt = {}) {
  return async () => {
    const svc = new NetworkLinkService("target", {
      environment: { id: "env-aaaaa1" },
      network: { id: "n-aaaaa1" },
      accept: { environments: ["env-bbbbb1"] },
      adoptExistingId: adopt.service,
    });
    const nle = new NetworkLinkEndpoint("origin", {
      environment: { id: "env-bbbbb1" },
      network: { id: "n-bbbbb1" },
      networkLinkService: svc,
      adoptExistingId: adopt.endpoint,
    });
    return { service: svc.id, endpoint: nle.id, phase: nle.phase };
  };
}

type Wire = {
  id: string;
  spec: { display_name: string; network: { id: string } };
  status: { phase: string };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** Kills the running CLI with SIGKILL once `ready` holds, and waits for the operation to fail. */
async function killWhen(
  stack: TestStack,
  run: Promise<unknown>,
  what: string,
  ready: () => Promise<boolean>,
) {
  run.catch(() => undefined); // awaited below
  await until(what, async () => ((await ready()) && stack.currentPid() ? true : undefined));
  process.kill(stack.currentPid()!, "SIGKILL");
  await expect(run).rejects.toThrow(/SIGKILL|signal/i);
}

describe("pulumi killed with SIGKILL mid-update, then recovered the documented way", () => {
  let e2e: E2e;
  let stack: TestStack;

  beforeAll(async () => {
    e2e = await startE2e({ serviceProvisioningMs: 300, endpointProvisioningMs: 300, deprovisioningMs: 200 });
  });

  afterAll(async () => {
    await e2e?.close();
  });

  beforeEach(async () => {
    await e2e.admin.reset({ keepSeed: true });
    stack = await e2e.stack(program());
  });

  afterEach(async () => {
    await e2e.admin.clearFaults();
  });

  async function emulatorHolds(): Promise<{ services: string[][]; endpoints: string[][] }> {
    const state = await e2e.admin.state();
    const row = (r: Wire) => [r.id, r.spec.display_name, r.spec.network.id, r.status.phase];
    return { services: (state.services as Wire[]).map(row), endpoints: (state.endpoints as Wire[]).map(row) };
  }

  async function expectExactlyTheProgram(): Promise<void> {
    const outputs = await stack.outputs();
    const holds = await emulatorHolds();
    expect(holds.services).toEqual([[outputs.service, "target", "n-aaaaa1", "READY"]]);
    expect(holds.endpoints).toEqual([[outputs.endpoint, "origin", "n-bbbbb1", "READY"]]);
    await stack.refresh({ expectNoChanges: true });
    expect(changes((await stack.preview({ expectNoChanges: true })).changeSummary)).toEqual({ same: 3 });
  }

  /** The message of an `up` that must fail (printed with KILL_TEST_VERBOSE=1). */
  async function upError(): Promise<string> {
    const message = await stack.up().then(
      () => "up succeeded",
      (err: Error) => err.message,
    );
    if (process.env.KILL_TEST_VERBOSE === "1") console.log(message);
    return message;
  }

  async function destroyLeavesNothing(): Promise<void> {
    const result = await stack.destroy();
    expect(result.summary.result).toBe("succeeded");
    expect(await emulatorHolds()).toEqual({ services: [], endpoints: [] });
    expect((await stack.exportState()).deployment.resources ?? []).toEqual([]);
  }

  it("(a) during the service's create request: clear the pending create, adopt what it made", async () => {
    await e2e.admin.setFaults({ latencyMs: 1500 });
    await killWhen(stack, stack.up(), "the service POST to arrive", async () => {
      return ((await e2e.admin.counters()).byRoute[SERVICES_ROUTE] ?? 0) >= 1;
    });
    await e2e.admin.clearFaults();

    // The POST arrived before the kill: the service exists, the state only knows a pending create.
    const made = await until("the service to exist", async () => (await emulatorHolds()).services[0]);
    expect((await stack.exportState()).deployment.pending_operations?.map((op) => op.type)).toEqual([
      "creating",
    ]);

    const cleared = await stack.cancelPending();
    expect(cleared.map((op) => op.type)).toEqual(["creating"]);
    await stack.refresh();

    // A plain `up` would duplicate nothing: the API refuses a second service in the network, and the
    // error names the existing one and the input that adopts it.
    await expect(upError()).resolves.toMatch(
      new RegExp(`already has network link service ${made[0]}.*adoptExistingId: "${made[0]}"`, "s"),
    );
    expect((await emulatorHolds()).services).toHaveLength(1);

    stack.setProgram(program({ service: made[0] }));
    const up = await stack.up();
    expect(changes(up.summary.resourceChanges)).toEqual({ create: 2, same: 1 });
    expect((await stack.outputs()).service).toBe(made[0]);
    await expectExactlyTheProgram();
    await destroyLeavesNothing();
  });

  it("(b) while waiting for the endpoint to become READY: clear, adopt the endpoint", async () => {
    await e2e.admin.setDelays({ endpointProvisioningMs: 10_000 });
    await killWhen(stack, stack.up(), "the endpoint to be PROVISIONING", async () => {
      const endpoints = (await emulatorHolds()).endpoints;
      return endpoints.length === 1 && endpoints[0][3] === "PROVISIONING";
    });
    await e2e.admin.setDelays({ endpointProvisioningMs: 300 }); // applies to new endpoints only
    const [made] = (await emulatorHolds()).endpoints;

    const { deployment } = await stack.exportState();
    expect(deployment.pending_operations?.map((op) => [op.type, op.resource.type])).toEqual([
      ["creating", "pulumi-nodejs:dynamic/confluent-network-link:NetworkLinkEndpoint"],
    ]);
    const cleared = await stack.cancelPending();
    expect(cleared).toHaveLength(1);
    await stack.refresh();

    await expect(upError()).resolves.toMatch(
      new RegExp(`already has endpoint ${made[0]}.*adoptExistingId: "${made[0]}"`, "s"),
    );
    expect((await emulatorHolds()).endpoints).toHaveLength(1);

    // Adopting waits for the endpoint's READY (its 10 s provisioning, fixed when it was created).
    stack.setProgram(program({ endpoint: made[0] }));
    const up = await stack.up();
    expect(changes(up.summary.resourceChanges)).toEqual({ create: 1, same: 2 });
    expect((await stack.outputs()).endpoint).toBe(made[0]);
    await expectExactlyTheProgram();
    await destroyLeavesNothing();
  });

  it("(c) during a delete: clear the pending delete, refresh, destroy again", async () => {
    const up = await stack.up();
    expect(up.summary.result).toBe("succeeded");
    await e2e.admin.setDelays({ deprovisioningMs: 8_000 });

    await killWhen(stack, stack.destroy(), "the endpoint to be DEPROVISIONING", async () => {
      const endpoints = (await emulatorHolds()).endpoints;
      return endpoints.length === 1 && endpoints[0][3] === "DEPROVISIONING";
    });
    await e2e.admin.setDelays({ deprovisioningMs: 200 });

    const { deployment } = await stack.exportState();
    expect(deployment.pending_operations?.map((op) => op.type)).toEqual(["deleting"]);
    await stack.cancelPending();
    await stack.refresh();

    await destroyLeavesNothing();
  });
});
