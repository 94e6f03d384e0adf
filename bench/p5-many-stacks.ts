/**
 * P5, many stacks at once: N stacks in separate processes, as N CI jobs would run them (`pulumi up
 * --yes` of examples/bidirectional through the CLI, each stack a pair of its own two networks), one
 * API key, the emulator rate-limited to R requests/s shared by all. No process sees the others: the
 * shared budget shows only in the rate-limit headers. Makespan: from the N launches to the last exit.
 * Bound: max(2·D, (necessary requests − burst) ÷ R), the necessary requests being one POST and one
 * READY read per object; the engine's own overhead is the same N `up`s at D = 0 with no limit.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEFAULT_CREDENTIALS, DEFAULT_SEED, EmulatorAdmin } from "confluent-network-link-emulator";
import { exampleFiles, openCliProject, type CliProject } from "../harness/cli-project";
import { pollConfig } from "./bench-emulator";
import { startLoggedEmulator, type LoggedEmulator } from "./logged-emulator";
import { n, round, seconds, table, yes } from "./markdown";
import type { ManyStacksRun, SuiteResults, SuiteRun } from "./results";

const OBJECTS_PER_STACK = 4;

/**
 * Stack i links n-p5a00i (env-p5aaa1) and n-p5b00i (env-p5bbb1): networks no other stack touches, in
 * the emulator's default region (where links are still needed).
 */
function seedFor(stacks: number) {
  const networks = (side: string) =>
    Array.from({ length: stacks }, (_, i) => ({ id: `n-p5${side}00${i + 1}` }));
  return {
    organization_id: DEFAULT_SEED.organization_id,
    environments: [
      { id: "env-p5aaa1", networks: networks("a") },
      { id: "env-p5bbb1", networks: networks("b") },
    ],
  };
}

/** The bound of the brief: the provisioning path, or the necessary requests through the bucket. */
export function manyStacksBound(stacks: number, delaySeconds: number, rate: number) {
  const necessaryRequests = 2 * OBJECTS_PER_STACK * stacks;
  const burst = rate;
  return { necessaryRequests, boundSeconds: Math.max(2 * delaySeconds, (necessaryRequests - burst) / rate) };
}

async function openStack(url: string, index: number, run: SuiteRun): Promise<CliProject> {
  const project = await openCliProject({ files: exampleFiles("bidirectional") });
  await project.run(["stack", "init", "p5"]);
  const config = {
    "confluentcloud:endpoint": url,
    "confluentcloud:cloudApiKey": DEFAULT_CREDENTIALS.key,
    aEnvironmentId: "env-p5aaa1",
    aNetworkId: `n-p5a00${index + 1}`,
    bEnvironmentId: "env-p5bbb1",
    bNetworkId: `n-p5b00${index + 1}`,
    ...pollConfig(run.sizes.ourPoll),
  };
  const plain = Object.entries(config).flatMap(([key, value]) => ["--plaintext", `${key}=${value}`]);
  const secret = ["--secret", `confluentcloud:cloudApiSecret=${DEFAULT_CREDENTIALS.secret}`];
  await project.run(["config", "set-all", ...plain, ...secret]);
  return project;
}

/** Runs one command in every stack at once: the makespan, and the error lines of those that failed. */
async function all(projects: CliProject[], args: string[]): Promise<{ seconds: number; errors: string[] }> {
  const t0 = performance.now();
  const results = await Promise.all(projects.map((p) => p.run(args, { allowFailure: true })));
  const errors = results
    .filter((r) => r.code !== 0)
    .map((r) => {
      const lines = (r.stdout + r.stderr).split("\n").filter((line) => /error:/i.test(line));
      return `${r.command}: ${lines.slice(-2).join(" | ").trim()}`.slice(0, 400);
    });
  return { seconds: seconds(t0), errors };
}

async function readyCount(admin: EmulatorAdmin): Promise<number> {
  const state = await admin.state();
  return [...state.services, ...state.endpoints].filter(
    (r) => (r as { status: { phase: string } }).status.phase === "READY",
  ).length;
}

/** The D = 0 round (engine overhead), then the measured round at D under the shared limit. */
async function rounds(run: SuiteRun, emulator: LoggedEmulator, projects: CliProject[]) {
  const { manyStacks: p5, deprovisioningMs } = run.sizes;
  const admin = emulator.admin;
  await admin.setDelays({ serviceProvisioningMs: 0, endpointProvisioningMs: 0, deprovisioningMs });
  const overhead = await all(projects, ["up", "--yes"]);
  await all(projects, ["destroy", "--yes"]);
  const ms = p5.delaySeconds * 1000;
  await admin.reset({ keepSeed: true });
  await admin.setDelays({ serviceProvisioningMs: ms, endpointProvisioningMs: ms, deprovisioningMs });
  await admin.setFaults({ rateLimit: { requestsPerSecond: p5.requestsPerSecond } });
  emulator.startRecording();
  const measured = await all(projects, ["up", "--yes"]);
  const records = await emulator.stopRecording();
  await admin.clearFaults();
  const failedResources = OBJECTS_PER_STACK * projects.length - (await readyCount(admin));
  return { overhead, measured, records, failedResources };
}

const countBy = <T>(items: T[], key: (item: T) => string): Record<string, number> =>
  items.reduce<Record<string, number>>(
    (acc, item) => ({ ...acc, [key(item)]: (acc[key(item)] ?? 0) + 1 }),
    {},
  );

export async function manyStacks(run: SuiteRun): Promise<void> {
  const p5 = run.sizes.manyStacks;
  const seedDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-p5-"));
  const seedFile = path.join(seedDir, "seed.json");
  fs.writeFileSync(seedFile, JSON.stringify(seedFor(p5.stacks)));
  const emulator = await startLoggedEmulator(["--seed", seedFile]);
  const projects: CliProject[] = [];
  try {
    for (let i = 0; i < p5.stacks; i++) projects.push(await openStack(emulator.url, i, run));
    const { overhead, measured, records, failedResources } = await rounds(run, emulator, projects);
    const { necessaryRequests, boundSeconds } = manyStacksBound(
      p5.stacks,
      p5.delaySeconds,
      p5.requestsPerSecond,
    );
    const posts = records.filter((r) => r.method === "POST");
    const objects = OBJECTS_PER_STACK * p5.stacks;
    const targetSeconds = 1.3 * (boundSeconds + overhead.seconds);
    const errors = [...overhead.errors, ...measured.errors];
    const result: ManyStacksRun = {
      stacks: p5.stacks,
      delaySeconds: p5.delaySeconds,
      requestsPerSecond: p5.requestsPerSecond,
      necessaryRequests,
      boundSeconds: round(boundSeconds),
      overheadSeconds: round(overhead.seconds),
      makespanSeconds: round(measured.seconds),
      targetSeconds: round(targetSeconds),
      targetMet: errors.length === 0 && failedResources === 0 && measured.seconds <= targetSeconds,
      failedResources,
      requests: {
        total: records.length,
        byMethod: countBy(records, (r) => r.method),
        byStatus: countBy(records, (r) => String(r.status)),
      },
      repeatedPosts: Math.max(0, posts.length - objects),
      postStatuses: countBy(posts, (r) => String(r.status)),
      errors,
    };
    run.results.manyStacks = result;
    run.log(
      `P5 ${p5.stacks} stacks at once: makespan ${result.makespanSeconds}s (bound ${result.boundSeconds}s + overhead ` +
        `${result.overheadSeconds}s, target ${result.targetSeconds}s), ${records.length} requests, ${failedResources} failed` +
        `${errors.length > 0 ? `: ${errors.join(" / ")}` : ""}`,
    );
  } finally {
    for (const project of projects) await project.dispose();
    await emulator.close();
    fs.rmSync(seedDir, { recursive: true, force: true });
  }
}

const counts = (byKey: Record<string, number>) =>
  Object.entries(byKey)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, count]) => `${key} ×${count}`)
    .join(", ");

export function p5SummaryRows(results: SuiteResults): string[][] {
  const m = results.manyStacks;
  if (!m) return [];
  return [
    [
      `P5 ${m.stacks} stacks at once, one key`,
      "0 failed, makespan ≤ 1.3 × (bound + engine overhead)",
      `${m.failedResources} failed, ${n(m.makespanSeconds, 1)} s vs ${n(m.targetSeconds, 1)} s`,
      yes(m.targetMet),
    ],
  ];
}

export function renderP5(results: SuiteResults): string[] {
  const m = results.manyStacks;
  if (!m) return [];
  return [
    "## P5: many stacks at once, one API key",
    "",
    `${m.stacks} stacks in separate processes, as ${m.stacks} CI jobs would run them: \`pulumi up --yes\` of ` +
      "`examples/bidirectional` through the CLI, each stack a pair of its own two networks (2 services, then 2 endpoints), " +
      `all with one API key, the emulator provisioning each object in D = ${n(m.delaySeconds)} s and rate-limited to ` +
      `${m.requestsPerSecond} requests/s shared (token bucket holding one second's worth). No process sees the others: ` +
      "the shared budget shows only in the rate-limit headers. Makespan: from the launches to the last exit. " +
      `Bound: max(2·D, (necessary requests − burst) ÷ rate), the necessary requests being one POST and one READY read ` +
      `per object (${m.necessaryRequests}). Engine overhead: the same ${m.stacks} \`up\`s at D = 0 with no limit, in this run.`,
    "",
    table(
      ["Bound (s)", "Engine overhead (s)", "Target (s)", "Makespan (s)", "Failed", "Target"],
      [
        [
          n(m.boundSeconds),
          n(m.overheadSeconds),
          n(m.targetSeconds),
          n(m.makespanSeconds),
          m.failedResources,
          yes(m.targetMet),
        ],
      ],
    ),
    "",
    table(
      ["Requests", "By method", "By status", "POSTs beyond one per object (all POSTs by status)"],
      [
        [
          m.requests.total,
          counts(m.requests.byMethod),
          counts(m.requests.byStatus),
          `${m.repeatedPosts} (${counts(m.postStatuses)})`,
        ],
      ],
    ),
    "",
    ...(m.errors.length > 0 ? [`Failures: ${m.errors.join(" / ").replace(/\|/g, "\\|")}`, ""] : []),
  ];
}
