/**
 * Network links taken out of a program without being deleted, through the `pulumi` CLI against the
 * emulator, as docs/retiring-network-links.md tells users: `retainOnDelete` on the component, `up`,
 * the component removed, `up`. Each case checks that no DELETE reached the API, that the emulator
 * still holds every object (the same IDs, READY), that the state holds none of them and that the
 * next preview is clean.
 *
 * - TypeScript, a BidirectionalNetworkLink: the guide's programs and shell blocks in the guide's
 *   order (its ```sh blocks after `<!-- tested: … -->` markers), then its `pulumi state delete`
 *   alternative and its clean-up by adoption on the same objects.
 * - YAML with the native provider: the guide's YAML program, and a NetworkLinkMesh beside it.
 * - TypeScript, a NetworkLinkMesh retired as a whole, with the CLI killed during the retiring `up`,
 *   then the guide's recovery block.
 */
import type { ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { openCliProject, type CliProject } from "../../harness/cli-project";
import { emulatorLinks, type EmulatorLinks } from "../../harness/emulator-links";
import { nativeProject, type NativeProject } from "../../harness/native-project";
import { repoRoot } from "../../harness/offline";
import { STOCK_TSCONFIG } from "../support/consumer-project";
import { FAST_POLL, startE2e, type E2e } from "../support/emulator-stacks";
import type { EmulatorAdmin } from "confluent-network-link-emulator";

jest.setTimeout(900_000);

const GUIDE = path.join(repoRoot, "docs/retiring-network-links.md");
// The guide's networks, seeded into the emulator so that its programs and commands run unchanged.
const GUIDE_SEED = {
  environments: [
    { id: "env-abc123", networks: [{ id: "n-east12" }] },
    { id: "env-def456", networks: [{ id: "n-west34" }] },
  ],
};
const LINK_TYPE = /:NetworkLink(Service|Endpoint)$/;

/** The text of the fenced block right after `<!-- tested: name -->` in the guide. */
function guideBlock(name: string): string {
  const text = fs.readFileSync(GUIDE, "utf8");
  const match = new RegExp(`<!-- tested: ${name} -->\\n\\s*\`\`\`\\w+\\n([\\s\\S]*?)^\`\`\`$`, "m").exec(
    text,
  );
  if (!match) throw new Error(`${GUIDE} has no fenced block after <!-- tested: ${name} -->`);
  return match[1];
}

/**
 * The `pulumi` commands of the guide's tested shell block, as argument lists without the leading
 * `pulumi`: trailing `# comments` dropped, a single-quoted argument kept whole.
 */
function guideCommands(name: string): string[][] {
  return guideBlock(name)
    .split("\n")
    .map((line) => line.replace(/\s+#.*$/, "").trim())
    .filter((line) => line.length > 0)
    .map((line) => {
      if (!line.startsWith("pulumi ")) throw new Error(`the guide's block ${name} runs '${line}'`);
      const args = [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]);
      if (args.some((arg) => /["`$\\]/.test(arg))) throw new Error(`cannot run '${line}' without a shell`);
      return args.slice(1);
    });
}

/** DELETE requests the emulator has counted since its counters were last reset. */
async function deletes(admin: EmulatorAdmin): Promise<number> {
  const { byRoute } = await admin.counters();
  return Object.entries(byRoute)
    .filter(([route]) => route.startsWith("DELETE "))
    .reduce((sum, [, n]) => sum + n, 0);
}

const ids = (links: EmulatorLinks) => [...links.services, ...links.endpoints].map((r) => r.id).sort();
const allReady = (links: EmulatorLinks) =>
  [...links.services, ...links.endpoints].every((r) => r.phase === "READY");

interface Exported {
  urn: string;
  type: string;
  id?: string;
  retainOnDelete?: boolean;
}

/** The services and endpoints in the state (`pulumi stack export`), and any pending operations. */
function linksInState(exportText: string): { resources: Exported[]; pending: unknown[] } {
  const deployment = JSON.parse(exportText).deployment as {
    resources?: Exported[];
    pending_operations?: unknown[];
  };
  return {
    resources: (deployment.resources ?? []).filter((r) => LINK_TYPE.test(r.type)),
    pending: deployment.pending_operations ?? [],
  };
}

/**
 * Each deleted resource of a `pulumi preview --diff` output, by name, with its operation: `delete[retain]`
 * (dropped from the state only) or `delete` (deleted in Confluent Cloud).
 */
function deletesInPreview(output: string): Record<string, string> {
  const steps = output.matchAll(
    /^\s*- \S+: \((delete(?:\[retain\])?)\)\n(?:\s+\[id=[^\]]*\]\n)?\s+\[urn=[^\]]*::([^\]:]+)\]/gm,
  );
  return Object.fromEntries([...steps].map((m) => [m[2], m[1]]));
}

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
  await e2e.admin.seed(GUIDE_SEED);
});

afterAll(async () => {
  await e2e?.close();
});

/** A TypeScript project folder `network-links`, stack `dev`, configured for the emulator. */
async function tsProject(onOutput?: (line: string) => void): Promise<CliProject> {
  const project = await openCliProject({
    files: {
      "Pulumi.yaml": "name: network-links\nruntime: nodejs\n",
      // As in every user project; without one the language host would run the repository's package.json main.
      "package.json": JSON.stringify({ name: "network-links", private: true, main: "index.ts" }),
      "tsconfig.json": JSON.stringify(STOCK_TSCONFIG, null, 2),
      "index.ts": "export {};\n",
    },
    onOutput,
  });
  await project.run(["stack", "init", "dev"]);
  await project.run(["config", "set", "confluentcloud:endpoint", e2e.emulator.url]);
  await project.run(["config", "set", "confluentcloud:cloudApiKey", "EMULATOR_KEY"]);
  await project.run(["config", "set", "--secret", "confluentcloud:cloudApiSecret", "emulator-secret"]);
  for (const [key, value] of Object.entries(FAST_POLL)) await project.run(["config", "set", key, value]);
  return project;
}

function writeProgram(project: CliProject, text: string): void {
  fs.writeFileSync(path.join(project.projectDir, "index.ts"), text);
}

/** Runs commands in order; returns the output of each. */
async function runAll(project: CliProject, commands: string[][]): Promise<string[]> {
  const outputs: string[] = [];
  for (const args of commands) {
    const result = await project.run(args);
    outputs.push(`${result.stdout}\n${result.stderr}`);
  }
  return outputs;
}

const NO_PROGRAM = "export {};\n";

describe("TypeScript: the guide's commands, in its order", () => {
  let project: CliProject;
  afterAll(async () => project?.dispose());

  it("retires a BidirectionalNetworkLink without a DELETE, then its state-delete alternative and its clean-up", async () => {
    project = await tsProject();
    const retained = guideBlock("retire-ts-program");
    const option = ",\n  { retainOnDelete: true },\n";
    expect(retained.split(option)).toHaveLength(2);
    const guideLinks = async () => {
      const all = await emulatorLinks(e2e.admin);
      const inGuide = (r: { network: string }) => ["n-east12", "n-west34"].includes(r.network);
      return { services: all.services.filter(inGuide), endpoints: all.endpoints.filter(inGuide) };
    };

    // The user's program before the retirement: the same link without the option.
    writeProgram(project, retained.replace(option, ",\n"));
    await project.run(["up", "--yes"]);
    const made = await guideLinks();
    expect(made.services).toHaveLength(2);
    expect(made.endpoints).toHaveLength(2);
    expect(allReady(made)).toBe(true);

    // The guide: set the option, export a copy, up.
    writeProgram(project, retained);
    await e2e.admin.resetCounters();
    const mark = guideCommands("retire-ts-mark");
    expect(mark).toEqual([
      ["stack", "export", "--file", "stack-before-retirement.json"],
      ["up", "--yes"],
    ]);
    await runAll(project, mark);
    expect((await e2e.admin.counters()).writes).toBe(0);
    const copy = fs.readFileSync(path.join(project.projectDir, "stack-before-retirement.json"), "utf8");
    expect(
      linksInState(copy)
        .resources.map((r) => r.id)
        .sort(),
    ).toEqual(ids(made));
    const marked = linksInState((await project.run(["stack", "export"])).stdout).resources;
    expect(marked.map((r) => [r.id, r.retainOnDelete])).toEqual(marked.map((r) => [r.id, true]));
    expect(marked).toHaveLength(4);

    // The guide: remove the component, preview (every child a retained delete), up, a clean preview.
    writeProgram(project, NO_PROGRAM);
    await e2e.admin.resetCounters();
    const remove = guideCommands("retire-ts-remove");
    expect(remove).toEqual([
      ["preview", "--diff"],
      ["up", "--yes"],
      ["preview", "--expect-no-changes"],
    ]);
    const [preview] = await runAll(project, remove);
    const retain = "delete[retain]";
    expect(deletesInPreview(preview)).toEqual({
      "east-west": retain,
      "east-west-a-service": retain,
      "east-west-b-service": retain,
      "east-west-a-to-b": retain,
      "east-west-b-to-a": retain,
    });
    expect(await deletes(e2e.admin)).toBe(0);
    expect((await e2e.admin.counters()).writes).toBe(0);
    const kept = await guideLinks();
    expect(ids(kept)).toEqual(ids(made));
    expect(allReady(kept)).toBe(true);
    expect(linksInState((await project.run(["stack", "export"])).stdout).resources).toEqual([]);

    // To run the guide's alternative on the same objects, the test adopts them back with the
    // guide's clean-up program (its placeholder IDs replaced by the real ones): no object is made.
    const byNetwork = (network: string) => ({
      service: made.services.find((s) => s.network === network)!.id,
      endpoint: made.endpoints.find((e) => e.network === network)!.id,
    });
    const a = byNetwork("n-east12");
    const b = byNetwork("n-west34");
    const adoptProgram = guideBlock("retire-adopt-program")
      .replace("nls-aaa111", a.service)
      .replace("nls-bbb222", b.service)
      .replace("nle-ccc333", a.endpoint)
      .replace("nle-ddd444", b.endpoint);
    const adopt = guideCommands("retire-adopt");
    expect(adopt).toEqual([["up", "--yes"]]);
    writeProgram(project, adoptProgram);
    await e2e.admin.resetCounters();
    await runAll(project, adopt);
    expect((await e2e.admin.counters()).byRoute).not.toHaveProperty([
      "POST /networking/v1/network-link-services",
    ]);
    expect(ids(await guideLinks())).toEqual(ids(made));
    expect(linksInState((await project.run(["stack", "export"])).stdout).resources).toHaveLength(4);

    // The guide's `pulumi state delete` alternative: remove the component from the program, then from the state.
    writeProgram(project, NO_PROGRAM);
    await e2e.admin.resetCounters();
    const stateDelete = guideCommands("retire-state-delete");
    expect(stateDelete.map((args) => args.slice(0, 2))).toEqual([
      ["stack", "--show-urns"],
      ["state", "delete"],
      ["state", "delete"],
      ["preview", "--expect-no-changes"],
    ]);
    const [showUrns, withoutDependents, ...rest] = stateDelete;
    const urns = (await project.run(showUrns)).stdout;
    expect(urns).toContain(stateDelete[1][2]);
    const listed = await project.run(withoutDependents, { allowFailure: true });
    expect(listed.code).not.toBe(0);
    for (const child of [
      "east-west-a-service",
      "east-west-b-service",
      "east-west-a-to-b",
      "east-west-b-to-a",
    ])
      expect(`${listed.stdout}${listed.stderr}`).toContain(`"${child}"`);
    expect(linksInState((await project.run(["stack", "export"])).stdout).resources).toHaveLength(4);
    await runAll(project, rest);
    expect((await e2e.admin.counters()).total).toBe(0);
    expect(ids(await guideLinks())).toEqual(ids(made));
    expect(linksInState((await project.run(["stack", "export"])).stdout).resources).toEqual([]);

    // The guide's clean-up: adopt, then remove and up, which deletes them (endpoints first).
    writeProgram(project, adoptProgram);
    await runAll(project, adopt);
    writeProgram(project, NO_PROGRAM);
    await e2e.admin.resetCounters();
    await project.run(["up", "--yes"]);
    expect(await deletes(e2e.admin)).toBe(4);
    expect(await guideLinks()).toEqual({ services: [], endpoints: [] });
  });
});

describe("YAML with the native provider", () => {
  let project: NativeProject;
  afterAll(async () => project?.close());

  it("retires the guide's BidirectionalNetworkLink and a NetworkLinkMesh without a DELETE", async () => {
    // A mesh of three of the emulator's default networks beside the guide's link.
    const mesh = `  mesh:
    type: confluentnetworklink:index:NetworkLinkMesh
    properties:
      networks:
        - { name: a1, environment: { id: env-aaaaa1 }, network: { id: n-aaaaa1 } }
        - { name: a2, environment: { id: env-aaaaa1 }, network: { id: n-aaaaa2 } }
        - { name: b1, environment: { id: env-bbbbb1 }, network: { id: n-bbbbb1 } }
    options:
      retainOnDelete: true
`;
    const retained = guideBlock("retire-yaml-program") + mesh;
    const option = "    options:\n      retainOnDelete: true\n";
    expect(retained.split(option)).toHaveLength(3);
    project = await nativeProject({ "Pulumi.yaml": retained.split(option).join("") });
    await project.admin.seed(GUIDE_SEED);

    await project.ok("up", "--yes");
    const made = await emulatorLinks(project.admin);
    expect(made.services).toHaveLength(2 + 3);
    expect(made.endpoints).toHaveLength(2 + 6);
    expect(allReady(made)).toBe(true);

    project.write("Pulumi.yaml", retained);
    await project.admin.resetCounters();
    await project.ok("up", "--yes");
    expect((await project.admin.counters()).writes).toBe(0);
    const marked = linksInState(await project.ok("stack", "export")).resources;
    expect(marked).toHaveLength(13);
    expect(marked.every((r) => r.retainOnDelete === true)).toBe(true);

    project.write("Pulumi.yaml", "name: network-links\nruntime: yaml\n");
    await project.admin.resetCounters();
    const planned = Object.values(deletesInPreview(await project.ok("preview", "--diff")));
    expect(planned).toEqual(Array(2 + 13).fill("delete[retain]"));
    await project.ok("up", "--yes");
    await project.ok("preview", "--expect-no-changes");
    expect(await deletes(project.admin)).toBe(0);
    const kept = await emulatorLinks(project.admin);
    expect(ids(kept)).toEqual(ids(made));
    expect(allReady(kept)).toBe(true);
    expect(linksInState(await project.ok("stack", "export")).resources).toEqual([]);
  });
});

describe("TypeScript: a NetworkLinkMesh, and the CLI killed during the retiring up", () => {
  let project: CliProject;
  let watch: ((line: string) => void) | undefined;
  afterAll(async () => project?.dispose());

  const meshProgram = (options: string) => `import { NetworkLinkMesh } from "pulumi-confluent-network-link";

const mesh = new NetworkLinkMesh(
  "dr",
  {
    networks: [
      { name: "a1", environment: { id: "env-aaaaa1" }, network: { id: "n-aaaaa1" } },
      { name: "a2", environment: { id: "env-aaaaa1" }, network: { id: "n-aaaaa2" } },
      { name: "b1", environment: { id: "env-bbbbb1" }, network: { id: "n-bbbbb1" } },
      { name: "b2", environment: { id: "env-bbbbb1" }, network: { id: "n-bbbbb2" } },
    ],
  },
  ${options},
);

export const ready = mesh.ready;
`;

  it("retires the mesh as a whole without a DELETE, also when the retiring up is killed", async () => {
    project = await tsProject((line) => watch?.(line));
    const meshLinks = async () => {
      const all = await emulatorLinks(e2e.admin);
      const inMesh = (r: { network: string }) => /^n-(aaaaa|bbbbb)/.test(r.network);
      return { services: all.services.filter(inMesh), endpoints: all.endpoints.filter(inMesh) };
    };

    writeProgram(project, meshProgram("{}"));
    await project.run(["up", "--yes"]);
    const made = await meshLinks();
    expect(made.services).toHaveLength(4);
    expect(made.endpoints).toHaveLength(12);

    writeProgram(project, meshProgram("{ retainOnDelete: true }"));
    await project.run(["up", "--yes"]);
    const marked = linksInState((await project.run(["stack", "export"])).stdout).resources;
    expect(marked).toHaveLength(16);
    expect(marked.every((r) => r.retainOnDelete === true)).toBe(true);

    // The retiring up, killed as soon as the engine reports its first dropped endpoint (in the runs
    // here the engine had not yet saved that drop to the backend: the state still held all 16).
    writeProgram(project, NO_PROGRAM);
    await e2e.admin.resetCounters();
    let child: ChildProcess | undefined;
    watch = (line) => {
      if (/NetworkLinkEndpoint \S+ deleted \(.*\)\[retain\]/.test(line) && child?.exitCode === null)
        child.kill("SIGKILL");
    };
    const killed = await project.run(["up", "--yes"], { allowFailure: true, onSpawn: (c) => (child = c) });
    watch = undefined;
    expect(killed.signal).toBe("SIGKILL");
    const left = linksInState((await project.run(["stack", "export"])).stdout);
    // Whatever the kill left in the state still carries the option.
    expect(left.resources.length).toBeLessThanOrEqual(16);
    expect(left.resources.every((r) => r.retainOnDelete === true)).toBe(true);

    const recover = guideCommands("retire-interrupted");
    expect(recover).toEqual([
      ["cancel", "--yes"],
      ["up", "--yes"],
    ]);
    await runAll(project, recover);
    await project.run(["preview", "--expect-no-changes"]);
    expect(await deletes(e2e.admin)).toBe(0);
    const kept = await meshLinks();
    expect(ids(kept)).toEqual(ids(made));
    expect(allReady(kept)).toBe(true);
    expect(linksInState((await project.run(["stack", "export"])).stdout).resources).toEqual([]);
  });
});
