/**
 * Moving a service from `@pulumi/confluentcloud` to this package, through the real engine against the
 * emulator. The old resource is played by a small dynamic resource of this test whose delete deletes
 * the object through the API, as confluentcloud's does (its provider plugin cannot run offline). The
 * type token changes, so a plain switch of import makes Pulumi create ours (adopting the object) and
 * then delete the old one, which deletes that very object: the first test shows the trap. The README's
 * two safe procedures keep it: `pulumi state delete` of the old resource, or `retainOnDelete: true` and
 * an `up` before switching; then `adoptExistingId`. The object survives and the next preview is clean.
 * Needs `npm run build` first (the serialized providers load `pulumi-confluent-network-link/runtime`).
 */
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_CREDENTIALS } from "confluent-network-link-emulator";
import { NetworkLinkService } from "../../provider";
import type { TestStack } from "../support/stack";
import { startE2e, type E2e } from "../support/emulator-stacks";

jest.setTimeout(300_000);

const TARGET = { environment: { id: "env-aaaaa1" }, network: { id: "n-aaaaa1" } };

interface LegacyInputs {
  environment: string;
  network: string;
  accept: string[];
}

// Self-contained: serialized into the state and run in the provider process. The API's address and
// key come from the environment the test gives the engine, so no secret enters the state.
const legacyProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs: LegacyInputs) {
    const auth = `Basic ${Buffer.from(`${process.env.LEGACY_KEY}:${process.env.LEGACY_SECRET}`).toString("base64")}`;
    const response = await fetch(`${process.env.LEGACY_URL}/networking/v1/network-link-services`, {
      method: "POST",
      headers: { authorization: auth, "content-type": "application/json" },
      body: JSON.stringify({
        spec: {
          environment: { id: inputs.environment },
          network: { id: inputs.network },
          display_name: "legacy",
          accept: { environments: [], networks: inputs.accept },
        },
      }),
    });
    if (!response.ok) throw new Error(`legacy create: ${response.status} ${await response.text()}`);
    const body = (await response.json()) as { id: string };
    return { id: body.id, outs: inputs };
  },
  async delete(id: string, props: LegacyInputs) {
    const auth = `Basic ${Buffer.from(`${process.env.LEGACY_KEY}:${process.env.LEGACY_SECRET}`).toString("base64")}`;
    const url = `${process.env.LEGACY_URL}/networking/v1/network-link-services/${id}?environment=${props.environment}`;
    const response = await fetch(url, { method: "DELETE", headers: { authorization: auth } });
    if (!response.ok && response.status !== 404) throw new Error(`legacy delete: ${response.status}`);
  },
};

/** Stands in for `confluentcloud.NetworkLinkService`. */
class LegacyService extends pulumi.dynamic.Resource {
  constructor(name: string, opts?: pulumi.CustomResourceOptions) {
    const inputs: LegacyInputs = {
      environment: TARGET.environment.id,
      network: TARGET.network.id,
      accept: ["n-bbbbb1"],
    };
    super(legacyProvider, name, inputs, opts, "legacy", "NetworkLinkService");
  }
}

const legacyProgram = (opts?: pulumi.CustomResourceOptions) => async () => {
  const legacy = new LegacyService("link-service", opts);
  return { id: legacy.id, urn: legacy.urn };
};

const oursProgram = (id: string) => async () => {
  const ours = new NetworkLinkService("link-service", {
    ...TARGET,
    accept: { networks: ["n-bbbbb1"] },
    adoptExistingId: id,
  });
  return { id: ours.id, phase: ours.phase };
};

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(() => e2e?.close());
beforeEach(() => e2e.admin.reset({ keepSeed: true }));

async function legacyStack(): Promise<{ stack: TestStack; id: string; urn: string }> {
  const stack = await e2e.stack(legacyProgram(), {
    envVars: {
      LEGACY_URL: e2e.emulator.url,
      LEGACY_KEY: DEFAULT_CREDENTIALS.key,
      LEGACY_SECRET: DEFAULT_CREDENTIALS.secret,
    },
  });
  await stack.up();
  const { id, urn } = (await stack.outputs()) as { id: string; urn: string };
  expect(await serviceIds()).toEqual([id]);
  return { stack, id, urn };
}

async function serviceIds(): Promise<string[]> {
  return (await e2e.admin.state()).services.map((s) => String(s.id));
}

/** Our service adopts the object; it survives, and nothing changes on the next preview. */
async function switchAndCheck(stack: TestStack, id: string): Promise<void> {
  stack.setProgram(oursProgram(id));
  const up = await stack.up();
  expect(up.summary.result).toBe("succeeded");
  expect(await stack.outputs()).toEqual({ id, phase: "READY" });
  expect(await serviceIds()).toEqual([id]);
  await stack.preview({ expectNoChanges: true });
  const { deployment } = await stack.exportState();
  expect((deployment.resources ?? []).map((r) => r.type).filter((t) => t.includes("dynamic"))).toEqual([
    "pulumi-nodejs:dynamic/confluent-network-link:NetworkLinkService",
  ]);
}

describe("migrating a service from @pulumi/confluentcloud", () => {
  it("a plain switch of import deletes the adopted object (the trap the procedure avoids)", async () => {
    const { stack, id } = await legacyStack();
    stack.setProgram(oursProgram(id));
    await stack.up();
    // Ours adopted it, then the old resource's delete deleted it.
    expect(await serviceIds()).toEqual([]);
  });

  it("pulumi state delete of the old resource, then adoptExistingId: the object survives, no diff after", async () => {
    const { stack, id, urn } = await legacyStack();
    const workspace = stack.stack.workspace as unknown as {
      pulumiCommand: { run(args: string[], cwd: string, env: Record<string, string>): Promise<unknown> };
      envVars: Record<string, string>;
    };
    await workspace.pulumiCommand.run(
      ["state", "delete", urn, "--yes", "--stack", stack.stackName, "--non-interactive"],
      stack.workDir,
      workspace.envVars,
    );
    await switchAndCheck(stack, id);
  });

  it("retainOnDelete: true and an up before switching, then adoptExistingId: the object survives, no diff after", async () => {
    const { stack, id } = await legacyStack();
    stack.setProgram(legacyProgram({ retainOnDelete: true }));
    const retained = await stack.up();
    expect(retained.summary.result).toBe("succeeded");
    await switchAndCheck(stack, id);
  });
});
