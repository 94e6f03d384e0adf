/**
 * The API misbehaving during `pulumi up` — 429 storms, bursts of 503s, random 500s — slows the update
 * down but does not break it: the stack converges to exactly the objects it declares, READY, with no
 * duplicate; the next preview shows no change and destroy leaves nothing.
 */
import type { FaultSettings } from "confluent-network-link-emulator";
import { NetworkLinkEndpoint, NetworkLinkService } from "../../provider";
import { changes, startE2e, type E2e } from "../support/emulator-stacks";

/** Both directions between n-aaaaa1 and n-bbbbb1: two services, two endpoints. */
const program = async () => {
  const a = new NetworkLinkService("a-service", {
    environment: { id: "env-aaaaa1" },
    network: { id: "n-aaaaa1" },
    accept: { environments: ["env-bbbbb1"] },
  });
  const b = new NetworkLinkService("b-service", {
    environment: { id: "env-bbbbb1" },
    network: { id: "n-bbbbb1" },
    accept: { environments: ["env-aaaaa1"] },
  });
  const aToB = new NetworkLinkEndpoint("a-to-b", {
    environment: { id: "env-aaaaa1" },
    network: { id: "n-aaaaa1" },
    networkLinkService: b,
  });
  const bToA = new NetworkLinkEndpoint("b-to-a", {
    environment: { id: "env-bbbbb1" },
    network: { id: "n-bbbbb1" },
    networkLinkService: a,
  });
  return { aToB: aToB.phase, bToA: bToA.phase };
};

type Wire = {
  id: string;
  spec: { display_name: string; network: { id: string }; network_link_service?: { id: string } };
  status: { phase: string };
};

const scenarios: [string, FaultSettings][] = [
  ["a 429 storm (3 requests/s)", { rateLimit: { requestsPerSecond: 3 } }],
  ["a burst of five 503s", { errors: { count: 5, status: 503 } }],
  ["30% of requests failing with 500", { errors: { fraction: 0.3, status: 500 } }],
];

describe("pulumi up through API faults", () => {
  let e2e: E2e;

  beforeAll(async () => {
    e2e = await startE2e();
  });

  afterAll(async () => {
    await e2e?.close();
  });

  afterEach(async () => {
    await e2e.admin.clearFaults();
  });

  it.each(scenarios)("%s: up converges, preview is clean, destroy empties", async (_name, faults) => {
    const stack = await e2e.stack(program);
    await e2e.admin.resetCounters();
    await e2e.admin.setFaults(faults);

    const up = await stack.up();

    const left = await e2e.admin.setFaults({}); // reads the fault settings without changing them
    await e2e.admin.clearFaults();
    expect(up.summary.result).toBe("succeeded");
    expect(changes(up.summary.resourceChanges)).toEqual({ create: 5 });
    expect(await stack.outputs()).toEqual({ aToB: "READY", bToA: "READY" });
    // The faults really hit: every counted error was served.
    if (faults.errors?.count !== undefined) expect(left.errors?.count).toBe(0);

    const state = await e2e.admin.state();
    const services = (state.services as Wire[]).map((s) => [
      s.spec.display_name,
      s.spec.network.id,
      s.status.phase,
    ]);
    const endpoints = (state.endpoints as Wire[]).map((e) => [
      e.spec.display_name,
      e.spec.network.id,
      e.status.phase,
    ]);
    expect(services.sort()).toEqual([
      ["a-service", "n-aaaaa1", "READY"],
      ["b-service", "n-bbbbb1", "READY"],
    ]);
    expect(endpoints.sort()).toEqual([
      ["a-to-b", "n-aaaaa1", "READY"],
      ["b-to-a", "n-bbbbb1", "READY"],
    ]);

    await e2e.admin.resetCounters();
    const preview = await stack.preview({ expectNoChanges: true });
    expect(changes(preview.changeSummary)).toEqual({ same: 5 });
    expect((await e2e.admin.counters()).writes).toBe(0);

    const destroy = await stack.destroy();
    expect(destroy.summary.result).toBe("succeeded");
    const after = await e2e.admin.state();
    expect([after.services, after.endpoints]).toEqual([[], []]);
  });
});
