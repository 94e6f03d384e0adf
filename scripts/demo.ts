/**
 * The demo: the bidirectional example (examples/bidirectional) deployed by the real Pulumi engine (offline, through the
 * Automation API) against the emulator, then a no-change preview and a destroy.
 *
 *   npm run demo      (builds the package and the CLI first)
 *
 * Exits non-zero on any failure; the emulator and the stack are always cleaned up.
 */
import type { PulumiFn } from "@pulumi/pulumi/automation";
import {
  DEFAULT_SEED,
  EmulatorAdmin,
  startEmulator,
  type RunningEmulator,
} from "confluent-network-link-emulator";
import { POLL_CONFIG_KEYS } from "../provider/runtime";
import { createTestStack, type TestStack } from "../tests/support/stack";
import bidirectional = require("../examples/bidirectional");

// Real provisioning takes minutes; a few seconds here show the waits and their progress lines.
const DELAYS = { serviceProvisioningMs: 3000, endpointProvisioningMs: 4000, deprovisioningMs: 2000 };
const KEY = "DEMO_KEY";
const SECRET = "demo-secret";

/** The example's program: a service and an endpoint in each of n-aaaaa1 and n-bbbbb1 (seed IDs by default). */
const program: PulumiFn = bidirectional;

function header(title: string): void {
  const line = "=".repeat(Math.max(60, title.length + 6));
  console.log(`\n${line}\n== ${title}\n${line}`);
}

interface Row {
  kind: string;
  id: string;
  name: string;
  environment: string;
  network: string;
  target: string;
  phase: string;
}

type Wire = {
  id?: string;
  spec?: {
    display_name?: string;
    environment?: { id?: string };
    network?: { id?: string };
    network_link_service?: { id?: string };
    accept?: { environments?: string[]; networks?: string[] };
  };
  status?: { phase?: string };
};

async function emulatorRows(admin: EmulatorAdmin): Promise<Row[]> {
  const state = await admin.state();
  const row = (kind: string, w: Wire, target: string): Row => ({
    kind,
    id: w.id ?? "?",
    name: w.spec?.display_name ?? "",
    environment: w.spec?.environment?.id ?? "",
    network: w.spec?.network?.id ?? "",
    target,
    phase: w.status?.phase ?? "?",
  });
  return [
    ...(state.services as Wire[]).map((s) =>
      row(
        "service",
        s,
        `accepts ${[...(s.spec?.accept?.environments ?? []), ...(s.spec?.accept?.networks ?? [])].join(", ")}`,
      ),
    ),
    ...(state.endpoints as Wire[]).map((e) =>
      row("endpoint", e, `-> ${e.spec?.network_link_service?.id ?? "?"}`),
    ),
  ];
}

function printTable(rows: Row[]): void {
  if (rows.length === 0) {
    console.log("(the emulator holds no services and no endpoints)");
    return;
  }
  const columns: (keyof Row)[] = ["kind", "id", "name", "environment", "network", "target", "phase"];
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => r[c].length)));
  const format = (values: string[]) => values.map((v, i) => v.padEnd(widths[i])).join("  ");
  console.log(format(columns.map((c) => c.toUpperCase())));
  console.log(format(widths.map((w) => "-".repeat(w))));
  for (const r of rows) console.log(format(columns.map((c) => r[c])));
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`demo check failed: ${message}`);
}

async function main(): Promise<void> {
  let emulator: RunningEmulator | undefined;
  let stack: TestStack | undefined;
  let deployed = false;
  try {
    header("Starting the emulator of the Confluent Cloud networking API");
    emulator = await startEmulator({
      host: "127.0.0.1",
      port: 0,
      seed: DEFAULT_SEED,
      delays: DELAYS,
      credentials: [{ key: KEY, secret: SECRET }],
    });
    const admin = new EmulatorAdmin(emulator.url);
    console.log(`emulator on ${emulator.url}`);
    console.log(
      `seeded: ${DEFAULT_SEED.environments
        .map((e) => `${e.id} (${(e.networks ?? []).map((n) => n.id).join(", ")})`)
        .join("; ")}`,
    );
    console.log(
      `provisioning delays: service ${DELAYS.serviceProvisioningMs / 1000} s, endpoint ${DELAYS.endpointProvisioningMs / 1000} s, ` +
        `deprovisioning ${DELAYS.deprovisioningMs / 1000} s`,
    );

    header("Creating the stack (local file backend, credentials as secret config)");
    stack = await createTestStack({
      program,
      projectName: "network-link-bidirectional",
      stackName: "demo",
      config: {
        "confluentcloud:endpoint": emulator.url,
        [POLL_CONFIG_KEYS.initialDelayMs]: "250",
        [POLL_CONFIG_KEYS.maxDelayMs]: "1000",
      },
      secretConfig: { "confluentcloud:cloudApiKey": KEY, "confluentcloud:cloudApiSecret": SECRET },
      onOutput: (line) => console.log(`  ${line}`),
    });
    console.log(`stack ${stack.projectName}/${stack.stackName}, state in ${stack.backendDir}`);

    header("pulumi up");
    const startedUp = Date.now();
    deployed = true; // from here on, something may exist that needs destroying
    const up = await stack.up();
    check(up.summary.result === "succeeded", `up ended ${up.summary.result}`);
    console.log(`\nup succeeded in ${((Date.now() - startedUp) / 1000).toFixed(1)} s`);

    header("What the stack and the emulator now hold");
    const outputs = await stack.outputs();
    const phases = outputs.phases as Record<string, string>;
    console.log(`endpoint aToB ${String(outputs.aToBEndpointId)}: ${phases.aToB}`);
    console.log(`endpoint bToA ${String(outputs.bToAEndpointId)}: ${phases.bToA}`);
    check(
      phases.aToB === "READY" && phases.bToA === "READY" && outputs.ready === true,
      `both endpoints READY, got ${JSON.stringify(phases)}`,
    );
    console.log("");
    const rows = await emulatorRows(admin);
    printTable(rows);
    check(
      rows.filter((r) => r.kind === "service").length === 2 &&
        rows.filter((r) => r.kind === "endpoint").length === 2 &&
        rows.every((r) => r.phase === "READY"),
      "the emulator holds exactly 2 services and 2 endpoints, all READY",
    );

    header("pulumi preview --expect-no-changes");
    await admin.resetCounters();
    const preview = await stack.preview({ expectNoChanges: true });
    const counters = await admin.counters();
    console.log(
      `\npreview is clean: ${JSON.stringify(preview.changeSummary)}; API calls during the preview: ` +
        `${counters.reads} reads, ${counters.writes} writes`,
    );
    check(counters.writes === 0, `preview made ${counters.writes} write calls`);

    header("pulumi destroy");
    const destroy = await stack.destroy();
    check(destroy.summary.result === "succeeded", `destroy ended ${destroy.summary.result}`);
    deployed = false;

    header("The emulator after destroy");
    const after = await emulatorRows(admin);
    printTable(after);
    check(after.length === 0, `the emulator still holds ${after.map((r) => r.id).join(", ")}`);

    header("Demo finished: up, clean preview, destroy");
  } finally {
    if (stack) {
      if (deployed) {
        console.error("\ncleaning up: destroying what the demo created");
        await stack.destroy().catch((err: Error) => console.error(`destroy failed: ${err.message}`));
      }
      await stack.dispose().catch((err: Error) => console.error(`dispose failed: ${err.message}`));
    }
    await emulator?.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`\ndemo failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
