/**
 * Adoption through a component, through the real engine against the emulator. The situation an
 * interrupted `pulumi up` leaves: the API made objects the state does not record. Without
 * adoption the next `up` refuses to duplicate them (and names the ID and `adoptExistingId`); with
 * `adoptExistingIds` the component takes them over, nothing is duplicated, and the next preview is
 * clean.
 * Needs `npm run build` first (the serialized providers load `pulumi-confluent-network-link/runtime`).
 */
import { DEFAULT_CREDENTIALS } from "confluent-network-link-emulator";
import { BidirectionalNetworkLink } from "../../provider";
import { NetworkingClient } from "../../provider/client/networking";
import { changes, startE2e, type E2e } from "../support/emulator-stacks";

jest.setTimeout(300_000);

const A = { environment: { id: "env-aaaaa1" }, network: { id: "n-aaaaa1" } };
const B = { environment: { id: "env-bbbbb1" }, network: { id: "n-bbbbb1" } };

let e2e: E2e;
let api: NetworkingClient;

beforeAll(async () => {
  e2e = await startE2e();
  api = new NetworkingClient({
    endpoint: e2e.emulator.url,
    apiKey: DEFAULT_CREDENTIALS.key,
    apiSecret: DEFAULT_CREDENTIALS.secret,
    userAgent: "adoption-test",
  });
});
afterAll(() => e2e?.close());

async function objects() {
  const state = await e2e.admin.state();
  return {
    services: state.services.map((s) => s.id).sort(),
    endpoints: state.endpoints.map((e) => e.id).sort(),
  };
}

/** What an interrupted `up` of the component leaves: a's service and b's endpoint to it, made but unrecorded. */
async function leftovers(): Promise<{ aService: string; bToA: string }> {
  const service = await api.createService({
    spec: {
      environment: A.environment,
      network: A.network,
      display_name: "ab-a-service",
      accept: { environments: [], networks: [B.network.id] },
    },
  });
  await waitUntil(async () => (await api.getService(A.environment.id, service.id)).status.phase === "READY");
  const endpoint = await api.createEndpoint({
    spec: {
      environment: B.environment,
      network: B.network,
      network_link_service: { id: service.id },
      display_name: "ab-b-to-a",
    },
  });
  await waitUntil(
    async () => (await api.getEndpoint(B.environment.id, endpoint.id)).status.phase === "READY",
  );
  return { aService: service.id, bToA: endpoint.id };
}

async function waitUntil(done: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100 && !(await done()); i++) await new Promise((r) => setTimeout(r, 100));
}

describe("BidirectionalNetworkLink over objects an interrupted up left behind", () => {
  it("refuses to duplicate them, then adopts them with adoptExistingIds: no duplicate, clean preview", async () => {
    const made = await leftovers();
    const stack = await e2e.stack(async () => {
      const link = new BidirectionalNetworkLink("ab", { a: A, b: B });
      return { ready: link.ready };
    });

    // Without adoption: the conflict names the existing service and the input to set.
    await expect(stack.up()).rejects.toThrow(
      new RegExp(
        `network n-aaaaa1 already has network link service ${made.aService} .*adoptExistingId: "${made.aService}"`,
      ),
    );
    const afterFailure = await objects();
    expect(afterFailure.services).toContain(made.aService);
    expect(afterFailure.services).toHaveLength(2); // b's service, which nothing blocked
    expect(afterFailure.endpoints).toContain(made.bToA);

    stack.setProgram(async () => {
      const link = new BidirectionalNetworkLink("ab", {
        a: A,
        b: B,
        adoptExistingIds: { aService: made.aService, bToA: made.bToA },
      });
      return {
        ready: link.ready,
        aService: link.aService.id,
        bService: link.bService.id,
        aToB: link.aToB.id,
        bToA: link.bToA.id,
      };
    });
    const up = await stack.up();
    expect(up.summary.result).toBe("succeeded");
    const outputs = await stack.outputs();
    expect(outputs).toMatchObject({ ready: true, aService: made.aService, bToA: made.bToA });

    // Two services and two endpoints, the adopted ones among them: nothing was made twice.
    expect(await objects()).toEqual({
      services: [made.aService, outputs.bService].sort(),
      endpoints: [made.bToA, outputs.aToB].sort(),
    });
    const preview = await stack.preview({ expectNoChanges: true });
    expect(Object.keys(changes(preview.changeSummary as Record<string, number>))).toEqual(["same"]);

    await stack.destroy();
    expect(await objects()).toEqual({ services: [], endpoints: [] });
  });
});
