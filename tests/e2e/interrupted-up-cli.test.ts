/**
 * `kill -9` of the `pulumi up` CLI process while both endpoints of a two-way link wait for READY,
 * then exactly the recovery the README documents ("Recovering from an interrupted `pulumi up`"), run
 * from its two shell blocks through the CLI: cancel, refresh --clear-pending-creates, an `up` that
 * fails naming each endpoint the dead run made, adoptExistingId set to those IDs, `up` again. The
 * emulator then holds one object per link and nothing else; preview is clean; destroy empties it.
 */
import * as path from "node:path";
import { openCliProject, type CliProject } from "../../harness/cli-project";
import { repoRoot } from "../../harness/offline";
import { readmeCommands } from "../../harness/readme-commands";
import { STOCK_TSCONFIG } from "../support/consumer-project";
import { emulatorLinks, type EmulatorLinks } from "../../harness/emulator-links";
import { startE2e, type E2e } from "../support/emulator-stacks";

jest.setTimeout(600_000);

// The user's program: each endpoint takes adoptExistingId from stack config, so "set it on the
// resource" is one `pulumi config set` here.
const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { NetworkLinkEndpoint, NetworkLinkService } from "pulumi-confluent-network-link";

const config = new pulumi.Config();
const aService = new NetworkLinkService("a-service", {
  environment: { id: "env-aaaaa1" },
  network: { id: "n-aaaaa1" },
  accept: { networks: ["n-bbbbb1"] },
});
const bService = new NetworkLinkService("b-service", {
  environment: { id: "env-bbbbb1" },
  network: { id: "n-bbbbb1" },
  accept: { networks: ["n-aaaaa1"] },
});
const aToB = new NetworkLinkEndpoint("a-to-b", {
  environment: { id: "env-aaaaa1" },
  network: { id: "n-aaaaa1" },
  networkLinkService: bService,
  adoptExistingId: config.get("aToBAdoptExistingId"),
});
const bToA = new NetworkLinkEndpoint("b-to-a", {
  environment: { id: "env-bbbbb1" },
  network: { id: "n-bbbbb1" },
  networkLinkService: aService,
  adoptExistingId: config.get("bToAAdoptExistingId"),
});

export const services = [aService.id, bService.id];
export const endpoints = [aToB.id, bToA.id];
`;

const README = path.join(repoRoot, "README.md");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let e2e: E2e;
let project: CliProject;

beforeAll(async () => {
  e2e = await startE2e();
  project = await openCliProject({
    files: {
      "Pulumi.yaml": "name: interrupted-up\nruntime: nodejs\n",
      // As in every user project; without one the language host would run the repository's package.json main.
      "package.json": JSON.stringify({ name: "interrupted-up", private: true, main: "index.ts" }),
      "tsconfig.json": JSON.stringify(STOCK_TSCONFIG, null, 2),
      "index.ts": PROGRAM,
    },
  });
  await project.run(["stack", "init", "dev"]);
  await project.run(["config", "set", "confluentcloud:endpoint", e2e.emulator.url]);
  await project.run(["config", "set", "confluentcloud:cloudApiKey", "EMULATOR_KEY"]);
  await project.run(["config", "set", "--secret", "confluentcloud:cloudApiSecret", "emulator-secret"]);
});

afterAll(async () => {
  // No destroy here: after a failure, orphans would keep a service delete retrying for minutes.
  // The emulator goes with everything it holds; dispose ends the provider processes left running.
  await project?.dispose();
  await e2e?.close();
});

/** Runs `pulumi up` and SIGKILLs the CLI process once both endpoints exist and are PROVISIONING. */
async function upKilledWhileEndpointsProvision(): Promise<void> {
  let pid: number | undefined;
  let finished: string | undefined;
  const up = project.run(["up", "--yes"], { allowFailure: true, onSpawn: (child) => (pid = child.pid) });
  void up.then(
    (r) => (finished = `up ended (${r.code ?? r.signal}) before the kill:\n${r.stdout}\n${r.stderr}`),
  );
  const deadline = Date.now() + 120_000;
  for (;;) {
    const { endpoints } = await emulatorLinks(e2e.admin);
    if (endpoints.length === 2 && endpoints.every((e) => e.phase === "PROVISIONING")) break;
    if (finished) throw new Error(finished);
    if (Date.now() > deadline)
      throw new Error(`the endpoints never all reached PROVISIONING: ${JSON.stringify(endpoints)}`);
    await sleep(50);
  }
  process.kill(pid!, "SIGKILL");
  const result = await up;
  expect(result.signal).toBe("SIGKILL");
}

test("kill -9 of pulumi up while endpoints wait for READY, then the README's recovery converges", async () => {
  // Long enough that the kill lands while the provider waits for READY; applies to new endpoints only.
  await e2e.admin.setDelays({ endpointProvisioningMs: 8_000 });
  await upKilledWhileEndpointsProvision();
  await e2e.admin.setDelays({ endpointProvisioningMs: 300 });

  const made = await emulatorLinks(e2e.admin);
  expect(made.services).toHaveLength(2);
  expect(made.endpoints).toHaveLength(2);
  // The dead run left both endpoint creates pending (`pulumi stack export`, secrets stay ciphertext).
  const state = JSON.parse((await project.run(["stack", "export"])).stdout) as {
    deployment: { pending_operations?: { type: string; resource: { type: string } }[] };
  };
  expect(state.deployment.pending_operations?.map((op) => op.type)).toEqual(["creating", "creating"]);

  // The first block: cancel, refresh --clear-pending-creates, and an up that must fail.
  const first = readmeCommands(README, "--clear-pending-creates");
  expect(first.map((args) => args[0])).toEqual(["cancel", "refresh", "up"]);
  await project.run(first[0]);
  await project.run(first[1]);
  const failed = await project.run(first[2], { allowFailure: true });
  expect(failed.code).not.toBe(0);
  // Nothing made twice, and each conflict names the existing endpoint and the input that adopts it.
  const ids = (links: EmulatorLinks) => [...links.services, ...links.endpoints].map((r) => r.id);
  expect(ids(await emulatorLinks(e2e.admin))).toEqual(ids(made));
  const output = `${failed.stdout}\n${failed.stderr}`;
  const named = new Map(
    [
      ...output.matchAll(
        /network (n-\w+) already has endpoint (nle-\w+)[^\n]*?adoptExistingId: "(nle-\w+)"/g,
      ),
    ].map((m) => [m[1], m[3]]),
  );
  const byNetwork = new Map(made.endpoints.map((e) => [e.network, e.id]));
  expect(Object.fromEntries(named)).toEqual(Object.fromEntries(byNetwork));

  // Set adoptExistingId on each resource named, then the second block.
  await project.run(["config", "set", "aToBAdoptExistingId", byNetwork.get("n-aaaaa1")!]);
  await project.run(["config", "set", "bToAAdoptExistingId", byNetwork.get("n-bbbbb1")!]);
  const second = readmeCommands(README, "adopts them");
  expect(second).toEqual([["up", "--yes"]]);
  await project.run(second[0]);

  // One object per link, all READY, the same ones the dead run made, and the stack knows them.
  const after = await emulatorLinks(e2e.admin);
  expect(ids(after)).toEqual(ids(made));
  expect([...after.services, ...after.endpoints].every((r) => r.phase === "READY")).toBe(true);
  const outputs = await project.json<{ services: string[]; endpoints: string[] }>(["stack", "output"]);
  expect([...outputs.endpoints].sort()).toEqual(made.endpoints.map((e) => e.id));
  expect([...outputs.services].sort()).toEqual(made.services.map((s) => s.id));
  await project.run(["preview", "--diff", "--expect-no-changes"]);

  await project.run(["destroy", "--yes"]);
  expect(await emulatorLinks(e2e.admin)).toEqual({ services: [], endpoints: [] });
});
