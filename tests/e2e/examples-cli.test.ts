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
import { startE2e, type E2e } from "../support/emulator-stacks";

jest.setTimeout(600_000);

const DOCUMENTED_URL = "http://127.0.0.1:8080";

type Outputs = Record<string, unknown>;
interface Topology {
  services: { id: string; network: string; accepts: string[] }[];
  endpoints: { id: string; network: string; service: string }[];
}

interface Example {
  name: string;
  /** What the emulator must hold after `up`, from the stack's outputs. */
  topology(outputs: Outputs): Topology;
}

const ids = (o: Outputs, key: string) => o[key] as Record<string, string>;
const str = (o: Outputs, key: string) => o[key] as string;

const EXAMPLES: Example[] = [
  {
    name: "unidirectional",
    topology: (o) => ({
      services: [{ id: str(o, "serviceId"), network: "n-aaaaa1", accepts: ["n-bbbbb1"] }],
      endpoints: [{ id: str(o, "endpointId"), network: "n-bbbbb1", service: str(o, "serviceId") }],
    }),
  },
  {
    name: "bidirectional",
    topology: (o) => ({
      services: [
        { id: str(o, "aServiceId"), network: "n-aaaaa1", accepts: ["n-bbbbb1"] },
        { id: str(o, "bServiceId"), network: "n-bbbbb1", accepts: ["n-aaaaa1"] },
      ],
      endpoints: [
        { id: str(o, "aToBEndpointId"), network: "n-aaaaa1", service: str(o, "bServiceId") },
        { id: str(o, "bToAEndpointId"), network: "n-bbbbb1", service: str(o, "aServiceId") },
      ],
    }),
  },
  {
    name: "mesh",
    topology: (o) => {
      const networks: Record<string, string> = { a1: "n-aaaaa1", a2: "n-aaaaa2", b1: "n-bbbbb1" };
      const names = Object.keys(networks);
      return {
        services: names.map((name) => ({
          id: ids(o, "serviceIds")[name],
          network: networks[name],
          accepts: names.filter((other) => other !== name).map((other) => networks[other]),
        })),
        endpoints: names.flatMap((from) =>
          names
            .filter((to) => to !== from)
            .map((to) => ({
              id: ids(o, "endpointIds")[`${from}-to-${to}`],
              network: networks[from],
              service: ids(o, "serviceIds")[to],
            })),
        ),
      };
    },
  },
];

/** The emulator's contents in the shape of a Topology, both lists sorted by ID. */
function asTopology(links: Topology): Topology {
  const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
  return {
    services: links.services.map(({ id, network, accepts }) => ({ id, network, accepts })).sort(byId),
    endpoints: links.endpoints.map(({ id, network, service }) => ({ id, network, service })).sort(byId),
  };
}

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
        case "up": {
          const outputs = await project.json<Outputs>(["stack", "output", "--stack", "emulator"]);
          expect(outputs.ready).toBe(true);
          expect(asTopology(links)).toEqual(asTopology(example.topology(outputs)));
          expect([...links.services, ...links.endpoints].every((r) => r.phase === "READY")).toBe(true);
          deployed = links;
          break;
        }
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
