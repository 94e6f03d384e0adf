/**
 * `pulumi preview` through the real engine never writes to the API: not on an empty stack, not on an
 * up-to-date one, and not when an input changed (the preview reports the update and stops there).
 */
import { NetworkLinkEndpoint, NetworkLinkService } from "../../provider";
import { changes, startE2e, type E2e } from "../support/emulator-stacks";
import type { TestStack } from "../../harness/stack";

function program(serviceName = "target-service") {
  return async () => {
    const svc = new NetworkLinkService("target", {
      environment: { id: "env-aaaaa1" },
      network: { id: "n-aaaaa1" },
      displayName: serviceName,
      accept: { environments: ["env-bbbbb1"] },
    });
    const nle = new NetworkLinkEndpoint("origin", {
      environment: { id: "env-bbbbb1" },
      network: { id: "n-bbbbb1" },
      networkLinkService: svc,
    });
    return { service: svc.id, endpoint: nle.id, phase: nle.phase };
  };
}

const serviceOnly = async () => {
  const svc = new NetworkLinkService("target", {
    environment: { id: "env-aaaaa1" },
    network: { id: "n-aaaaa1" },
    accept: { environments: ["env-bbbbb1"] },
  });
  return { service: svc.id };
};

describe("preview makes no write calls", () => {
  let e2e: E2e;
  let stack: TestStack;

  beforeAll(async () => {
    e2e = await startE2e();
    stack = await e2e.stack(program());
  });

  afterAll(async () => {
    await e2e?.close();
  });

  /** Runs `fn` and returns the API calls the emulator counted meanwhile. */
  async function counted<T>(fn: () => Promise<T>): Promise<{ result: T; reads: number; writes: number }> {
    await e2e.admin.resetCounters();
    const result = await fn();
    const { reads, writes } = await e2e.admin.counters();
    return { result, reads, writes };
  }

  it("on an empty stack with a service only: shows the creates, writes nothing", async () => {
    stack.setProgram(serviceOnly);
    const { result, writes } = await counted(() => stack.preview());
    stack.setProgram(program());

    expect(changes(result.changeSummary)).toEqual({ create: 2 });
    expect(writes).toBe(0);
    const state = await e2e.admin.state();
    expect([state.services, state.endpoints]).toEqual([[], []]);
  });

  // The endpoint's service ID is unknown until the service exists: check must let it through.
  it("on an empty stack: shows the creates, writes nothing", async () => {
    const { result, writes } = await counted(() => stack.preview());

    expect(changes(result.changeSummary)).toEqual({ create: 3 });
    expect(writes).toBe(0);
    const state = await e2e.admin.state();
    expect([state.services, state.endpoints]).toEqual([[], []]);
  });

  it("on an up-to-date stack: no change, writes nothing", async () => {
    await stack.up();

    const { result, writes } = await counted(() => stack.preview({ expectNoChanges: true }));

    expect(changes(result.changeSummary)).toEqual({ same: 3 });
    expect(writes).toBe(0);
  });

  it("after a rename: shows one in-place update, writes nothing", async () => {
    stack.setProgram(program("renamed-service"));

    const { result, writes } = await counted(() => stack.preview());

    expect(changes(result.changeSummary)).toEqual({ same: 2, update: 1 });
    expect(writes).toBe(0);
    const state = await e2e.admin.state();
    expect(state.services.map((s) => (s.spec as { display_name: string }).display_name)).toEqual([
      "target-service",
    ]);
  });

  it("the rename then applies in place, and destroy leaves nothing", async () => {
    const up = await stack.up();
    expect(changes(up.summary.resourceChanges)).toEqual({ same: 2, update: 1 });
    const { writes } = await counted(() => stack.preview({ expectNoChanges: true }));
    expect(writes).toBe(0);

    await stack.destroy();
    const state = await e2e.admin.state();
    expect([state.services, state.endpoints]).toEqual([[], []]);
  });
});
