/**
 * The demo: what a user sees following examples/bidirectional/README.md offline. An emulator of the
 * networking API starts, then the README's own `pulumi` commands run with the real CLI and Node.js
 * language host in examples/bidirectional (stack init, config set, up, preview --diff
 * --expect-no-changes, refresh, destroy, stack rm), each printed and followed by what the emulator holds.
 *
 *   npm run demo      (builds the package and provides the CLI and language host first)
 *
 * Exits non-zero on any failure; the emulator and the stack are always cleaned up.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import {
  DEFAULT_SEED,
  EmulatorAdmin,
  startEmulator,
  type RunningEmulator,
} from "confluent-network-link-emulator";
import { openCliProject, type CliProject } from "../harness/cli-project";
import { emulatorLinks, type EmulatorLinks } from "../harness/emulator-links";
import { repoRoot } from "../harness/offline";
import { readmeCommands, substitute } from "../harness/readme-commands";

// Real provisioning takes minutes; a few seconds here show the waits and their progress lines.
const DELAYS = { serviceProvisioningMs: 3000, endpointProvisioningMs: 4000, deprovisioningMs: 2000 };
const EXAMPLE_DIR = path.join(repoRoot, "examples", "bidirectional");
const STACK_FILE = path.join(EXAMPLE_DIR, "Pulumi.emulator.yaml");
const DOCUMENTED_URL = "http://127.0.0.1:8080";

function header(title: string): void {
  const line = "=".repeat(Math.max(60, title.length + 6));
  console.log(`\n${line}\n== ${title}\n${line}`);
}

function printLinks({ services, endpoints }: EmulatorLinks): void {
  const rows = [
    ...services.map((s) => ["service", s.id, s.name, s.network, `accepts ${s.accepts.join(", ")}`, s.phase]),
    ...endpoints.map((e) => ["endpoint", e.id, e.name, e.network, `-> ${e.service}`, e.phase]),
  ];
  if (rows.length === 0) {
    console.log("(the emulator holds no services and no endpoints)");
    return;
  }
  const head = ["KIND", "ID", "NAME", "NETWORK", "TARGET", "PHASE"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const format = (values: string[]) => values.map((v, i) => v.padEnd(widths[i])).join("  ");
  console.log(format(head));
  console.log(format(widths.map((w) => "-".repeat(w))));
  for (const row of rows) console.log(format(row));
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`demo check failed: ${message}`);
}

/** What the emulator must hold after each command, printed as a table. */
async function checkAfter(verb: string, admin: EmulatorAdmin): Promise<void> {
  const links = await emulatorLinks(admin);
  const counters = await admin.counters();
  console.log("");
  if (verb === "up") {
    printLinks(links);
    check(
      links.services.length === 2 &&
        links.endpoints.length === 2 &&
        [...links.services, ...links.endpoints].every((r) => r.phase === "READY"),
      "the emulator holds exactly 2 services and 2 endpoints, all READY",
    );
  } else if (verb === "preview" || verb === "refresh") {
    console.log(`API calls during ${verb}: ${counters.reads} reads, ${counters.writes} writes`);
    check(counters.writes === 0, `${verb} made ${counters.writes} write calls`);
  } else if (verb === "destroy") {
    printLinks(links);
    check(links.services.length + links.endpoints.length === 0, "destroy left nothing behind");
  }
}

async function main(): Promise<void> {
  if (fs.existsSync(STACK_FILE)) {
    throw new Error(`${STACK_FILE} exists: a stack 'emulator' of the example is in use; remove it first`);
  }
  let emulator: RunningEmulator | undefined;
  let project: CliProject | undefined;
  try {
    header("Starting the emulator of the Confluent Cloud networking API (npm run emulator)");
    emulator = await startEmulator({ host: "127.0.0.1", port: 0, seed: DEFAULT_SEED, delays: DELAYS });
    const admin = new EmulatorAdmin(emulator.url);
    console.log(`emulator on ${emulator.url} (the README's ${DOCUMENTED_URL} is replaced by it below)`);
    console.log(
      `seeded: ${DEFAULT_SEED.environments
        .map((e) => `${e.id} (${(e.networks ?? []).map((n) => n.id).join(", ")})`)
        .join("; ")}; provisioning takes ${DELAYS.endpointProvisioningMs / 1000} s per endpoint`,
    );

    project = await openCliProject({ projectDir: EXAMPLE_DIR, onOutput: (line) => console.log(`  ${line}`) });
    const readme = path.join(EXAMPLE_DIR, "README.md");
    const commands = substitute(
      readmeCommands(readme, "pulumi stack init emulator"),
      DOCUMENTED_URL,
      emulator.url,
    );
    console.log(
      `\nThe commands of examples/bidirectional/README.md, run in ${path.relative(repoRoot, EXAMPLE_DIR)}:`,
    );

    for (const args of commands) {
      header(`$ pulumi ${args.join(" ")}`);
      await admin.resetCounters();
      const started = Date.now();
      await project.run(args);
      console.log(`\n(${((Date.now() - started) / 1000).toFixed(1)} s)`);
      await checkAfter(args[0], admin);
    }
    header("Demo finished: the README's commands, both links READY, a clean preview, nothing left behind");
  } finally {
    if (project && fs.existsSync(STACK_FILE)) {
      console.error("\ncleaning up: destroying and removing the demo's stack");
      await project.run(["destroy", "--yes", "--stack", "emulator"], { allowFailure: true });
      await project.run(["stack", "rm", "emulator", "--yes", "--force"], { allowFailure: true });
      fs.rmSync(STACK_FILE, { force: true });
    }
    await project?.dispose();
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
