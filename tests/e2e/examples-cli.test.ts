/**
 * Every runnable example through the real `pulumi` CLI and the Node.js language host, in its own
 * folder, with exactly the `pulumi` commands of its README's offline block (stack init, config set,
 * up, preview --diff --expect-no-changes, refresh, destroy, stack rm), against an emulator. After each
 * command the emulator's contents are checked. Needs `npm run build` (the examples import the built
 * package by name, through node_modules, as the README says).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { openCliProject, type CliProject } from "../../harness/cli-project";
import { repoRoot } from "../../harness/offline";
import { readmeCommands, substitute } from "../../harness/readme-commands";
import { emulatorLinks, type EmulatorLinks } from "../../harness/emulator-links";
import { startE2e, type E2e } from "./harness";

jest.setTimeout(600_000);

const DOCUMENTED_URL = "http://127.0.0.1:8080";

interface Example {
  name: string;
  services: number;
  endpoints: number;
}

const EXAMPLES: Example[] = [
  { name: "unidirectional", services: 1, endpoints: 1 },
  { name: "bidirectional", services: 2, endpoints: 2 },
  { name: "mesh", services: 3, endpoints: 6 },
];

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(() => e2e?.close());

describe.each(EXAMPLES)("examples/$name through the CLI, as its README says", (example) => {
  const dir = path.join(repoRoot, "examples", example.name);
  const stackFile = path.join(dir, "Pulumi.emulator.yaml");
  let project: CliProject;

  beforeAll(async () => {
    await e2e.admin.reset({ keepSeed: true });
    fs.rmSync(stackFile, { force: true });
    project = await openCliProject({ projectDir: dir });
  });

  afterAll(async () => {
    // Only after a failure is anything left: destroy it so the next example starts clean.
    if (fs.existsSync(stackFile)) {
      await project.run(["destroy", "--yes", "--stack", "emulator"], { allowFailure: true });
      await project.run(["stack", "rm", "emulator", "--yes", "--force"], { allowFailure: true });
      fs.rmSync(stackFile, { force: true });
    }
    await project.dispose();
  });

  it("runs every documented command, and the emulator holds what each should leave", async () => {
    const commands = substitute(
      readmeCommands(path.join(dir, "README.md"), "pulumi stack init emulator"),
      DOCUMENTED_URL,
      e2e.emulator.url,
    );
    const verbs = commands.map((args) => args.slice(0, 2).join(" "));
    // The block is the whole user path: a change to the README that drops a step fails here.
    expect(verbs).toEqual([
      "stack init",
      "config set",
      "config set",
      "config set",
      "up --yes",
      "preview --diff",
      "refresh --yes",
      "destroy --yes",
      "stack rm",
    ]);

    let deployed: EmulatorLinks | undefined;
    for (const args of commands) {
      await e2e.admin.resetCounters();
      await project.run(args);
      const links = await emulatorLinks(e2e.admin);
      const counters = await e2e.admin.counters();
      switch (args[0]) {
        case "stack":
        case "config":
          expect(counters.total).toBe(0);
          expect(links.services.length + links.endpoints.length).toBe(0);
          break;
        case "up":
          expect(links.services).toHaveLength(example.services);
          expect(links.endpoints).toHaveLength(example.endpoints);
          expect([...links.services, ...links.endpoints].every((r) => r.phase === "READY")).toBe(true);
          deployed = links;
          break;
        case "preview":
        case "refresh":
          expect(counters.writes).toBe(0);
          expect(links).toEqual(deployed);
          break;
        case "destroy":
          expect(links.services).toEqual([]);
          expect(links.endpoints).toEqual([]);
          break;
      }
    }
    expect(deployed).toBeDefined();
    // `stack rm` removed the stack and its settings file; the folder is as the repository has it.
    expect(fs.existsSync(stackFile)).toBe(false);
  });
});
