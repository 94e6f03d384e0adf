/**
 * The components through the real Pulumi engine and their dynamic providers, against the emulator:
 * each example program (which imports the built package by name, as a user's program does) goes up,
 * the emulator then holds its services and endpoints READY, preview and refresh show no change, and
 * destroy leaves nothing behind.
 * Needs `npm run build` first (the serialized providers load `pulumi-confluent-network-link/runtime`).
 */
import type { PulumiFn } from "@pulumi/pulumi/automation";
import bidirectional = require("../../examples/bidirectional");
import mesh = require("../../examples/mesh");
import unidirectional = require("../../examples/unidirectional");
import { changes, startE2e, type E2e } from "./harness";

jest.setTimeout(300_000);

interface Rendered {
  id: string;
  spec: {
    network: { id: string };
    network_link_service?: { id: string };
    accept?: { networks?: string[] | null };
  };
  status: { phase: string };
}

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(() => e2e?.close());
beforeEach(() => e2e.admin.reset({ keepSeed: true }));

async function emulatorState() {
  const state = await e2e.admin.state();
  const brief = (list: Record<string, unknown>[]) =>
    (list as unknown as Rendered[])
      .map((r) => ({
        network: r.spec.network.id,
        phase: r.status.phase,
        ...(r.spec.accept ? { accepts: [...(r.spec.accept.networks ?? [])].sort() } : {}),
        ...(r.spec.network_link_service ? { service: r.spec.network_link_service.id } : {}),
        id: r.id,
      }))
      .sort(
        (x, y) => x.network.localeCompare(y.network) || String(x.service).localeCompare(String(y.service)),
      );
  return { services: brief(state.services), endpoints: brief(state.endpoints) };
}

async function upAndDown(program: PulumiFn, check: (outputs: Record<string, unknown>) => Promise<void>) {
  const stack = await e2e.stack(program);
  const up = await stack.up();
  expect(up.summary.result).toBe("succeeded");
  const outputs = await stack.outputs();
  expect(outputs.ready).toBe(true);
  await check(outputs);

  const count = Object.values(changes(up.summary.resourceChanges)).reduce((a, b) => a + b, 0);
  const preview = await stack.preview({ expectNoChanges: true });
  expect(changes(preview.changeSummary as Record<string, number>)).toEqual({ same: count });
  const refresh = await stack.refresh();
  expect(changes(refresh.summary.resourceChanges)).toEqual({ same: count });

  const destroyed = await stack.destroy();
  expect(destroyed.summary.result).toBe("succeeded");
  expect(await emulatorState()).toEqual({ services: [], endpoints: [] });
  expect((await stack.exportState()).deployment.resources ?? []).toEqual([]);
}

describe("components against the emulator, through the engine", () => {
  it("NetworkLink (examples/unidirectional): a service in the target, an endpoint in the origin", async () => {
    await upAndDown(unidirectional, async (outputs) => {
      const { services, endpoints } = await emulatorState();
      expect(services).toEqual([
        { id: outputs.serviceId, network: "n-aaaaa1", phase: "READY", accepts: ["n-bbbbb1"] },
      ]);
      expect(endpoints).toEqual([
        { id: outputs.endpointId, network: "n-bbbbb1", phase: "READY", service: outputs.serviceId },
      ]);
      expect(outputs.phases).toEqual({ service: "READY", endpoint: "READY" });
    });
  });

  it("BidirectionalNetworkLink (examples/bidirectional): a service and an endpoint in each network", async () => {
    await upAndDown(bidirectional, async (outputs) => {
      const { services, endpoints } = await emulatorState();
      expect(services).toEqual([
        { id: outputs.aServiceId, network: "n-aaaaa1", phase: "READY", accepts: ["n-bbbbb1"] },
        { id: outputs.bServiceId, network: "n-bbbbb1", phase: "READY", accepts: ["n-aaaaa1"] },
      ]);
      expect(endpoints).toEqual([
        { id: outputs.aToBEndpointId, network: "n-aaaaa1", phase: "READY", service: outputs.bServiceId },
        { id: outputs.bToAEndpointId, network: "n-bbbbb1", phase: "READY", service: outputs.aServiceId },
      ]);
      expect(outputs.phases).toEqual({ aService: "READY", bService: "READY", aToB: "READY", bToA: "READY" });
    });
  });

  it("NetworkLinkMesh (examples/mesh): 3 services, 6 endpoints", async () => {
    await upAndDown(mesh, async (outputs) => {
      const { services, endpoints } = await emulatorState();
      const serviceIds = outputs.serviceIds as Record<string, string>;
      expect(services).toEqual([
        { id: serviceIds.a1, network: "n-aaaaa1", phase: "READY", accepts: ["n-aaaaa2", "n-bbbbb1"] },
        { id: serviceIds.a2, network: "n-aaaaa2", phase: "READY", accepts: ["n-aaaaa1", "n-bbbbb1"] },
        { id: serviceIds.b1, network: "n-bbbbb1", phase: "READY", accepts: ["n-aaaaa1", "n-aaaaa2"] },
      ]);
      const endpointIds = outputs.endpointIds as Record<string, string>;
      expect(Object.keys(endpointIds).sort()).toEqual([
        "a1-to-a2",
        "a1-to-b1",
        "a2-to-a1",
        "a2-to-b1",
        "b1-to-a1",
        "b1-to-a2",
      ]);
      const networkOf = { a1: "n-aaaaa1", a2: "n-aaaaa2", b1: "n-bbbbb1" } as Record<string, string>;
      expect(endpoints).toHaveLength(6);
      for (const [key, id] of Object.entries(endpointIds)) {
        const [from, to] = key.split("-to-");
        expect(endpoints).toContainEqual({
          id,
          network: networkOf[from],
          phase: "READY",
          service: serviceIds[to],
        });
      }
    });
  });
});
