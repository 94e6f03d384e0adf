/**
 * Through the real engine, the `up` after a timed-out wait waits again: it fails while the endpoint
 * is not READY, then succeeds once it is, with a clean preview after (issue 14).
 */
import { NetworkLinkEndpoint, NetworkLinkService } from "../../provider";
import { startE2e, until, type E2e, type Wire } from "../support/emulator-stacks";

const linkProgram = async () => {
  const service = new NetworkLinkService("target", {
    environment: { id: "env-aaaaa1" },
    network: { id: "n-aaaaa1" },
    accept: { environments: ["env-bbbbb1"] },
  });
  const endpoint = new NetworkLinkEndpoint("origin", {
    environment: { id: "env-bbbbb1" },
    network: { id: "n-bbbbb1" },
    networkLinkService: service,
    readyTimeoutSeconds: 2,
  });
  return { endpoint: endpoint.id, phase: endpoint.phase };
};

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(() => e2e?.close());
afterEach(async () => {
  await e2e.admin.clearFaults();
  await e2e.admin.reset();
});

it("the up after a timed-out wait waits again and fails while the endpoint is not READY, then succeeds", async () => {
  const stack = await e2e.stack(linkProgram);
  const first = stack.up().catch((err: Error) => err);
  const endpoint = await until(
    "the endpoint's POST",
    async () => ((await e2e.admin.state()).endpoints as Wire[])[0],
  );
  await e2e.admin.forcePhase(endpoint.id, "PENDING_ACCEPT");
  expect(String(await first)).toContain("still PENDING_ACCEPT after 2s");

  const second = await stack.up().catch((err: Error) => err);
  expect(second).toBeInstanceOf(Error);
  expect(String(second)).toContain("still PENDING_ACCEPT after 2s");

  await e2e.admin.forcePhase(endpoint.id, null);
  const third = await stack.up();
  expect(third.summary.result).toBe("succeeded");
  expect(await stack.outputs()).toEqual({ endpoint: endpoint.id, phase: "READY" });
  await stack.preview({ expectNoChanges: true });
});
