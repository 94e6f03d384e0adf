import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { nativeProject, type NativeProject, PLUGIN_VERSION } from "../../harness/native-project";
import { ensurePulumiCli, repoRoot } from "../../harness/offline";

// The self-contained plugin (scripts/build-plugin.ts: the provider in a Node.js single executable)
// installed from its tarball drives a YAML program with no Node.js anywhere on the PATH: only the
// Pulumi CLI's folder (CLI, YAML language host) and a few basic system tools.

const program = `name: native-sea
runtime: yaml
resources:
  link:
    type: confluentnetworklink:index:BidirectionalNetworkLink
    properties:
      a:
        environment: { id: env-aaaaa1 }
        network: { id: n-aaaaa1 }
      b:
        environment: { id: env-bbbbb1 }
        network: { id: n-bbbbb1 }
outputs:
  ready: \${link.ready}
  phases: \${link.phases}
`;

/** A folder of links to basic tools of the system, none of them Node.js. */
function basicTools(): string {
  const dir = path.join(repoRoot, ".pulumi-state", "basic-tools");
  fs.mkdirSync(dir, { recursive: true });
  for (const tool of ["sh", "env", "uname", "cat", "ls", "tar", "gzip"]) {
    const found = ["/usr/bin", "/bin"].map((d) => path.join(d, tool)).find((f) => fs.existsSync(f));
    if (found && !fs.existsSync(path.join(dir, tool))) fs.symlinkSync(found, path.join(dir, tool));
  }
  return dir;
}

describe("the self-contained native plugin", () => {
  let project: NativeProject;
  let pathWithoutNode: string;
  beforeAll(async () => {
    const cli = await ensurePulumiCli();
    pathWithoutNode = [cli.binDir, basicTools()].join(path.delimiter);
    project = await nativeProject(
      { "Pulumi.yaml": program },
      { plugin: "sea", env: { PATH: pathWithoutNode } },
    );
  });
  afterAll(async () => project?.close());

  it("runs a YAML BidirectionalNetworkLink to READY with no Node.js on the PATH", async () => {
    const which = spawnSync("/bin/sh", ["-c", "command -v node"], { env: { PATH: pathWithoutNode } });
    expect(which.status).not.toBe(0);

    // The installed plugin is the one executable, a native binary (no script run by an interpreter).
    const home = path.join(path.dirname(project.backendDir), "home");
    const pluginDir = path.join(home, "plugins", `resource-confluentnetworklink-v${PLUGIN_VERSION}`);
    const installed = fs.readdirSync(pluginDir).filter((f) => !f.startsWith("."));
    expect(installed).toEqual(["pulumi-resource-confluentnetworklink"]);
    const head = fs.readFileSync(path.join(pluginDir, installed[0])).subarray(0, 4);
    expect(head).toEqual(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));

    await project.ok("up", "--yes");
    const outputs = JSON.parse(await project.ok("stack", "output", "--json"));
    expect(outputs.ready).toBe(true);
    expect(outputs.phases).toEqual({ aService: "READY", bService: "READY", aToB: "READY", bToA: "READY" });
    expect((await project.admin.state()).endpoints).toHaveLength(2);

    await project.ok("preview", "--expect-no-changes");

    await project.ok("destroy", "--yes");
    const emptied = await project.admin.state();
    expect(emptied.services).toHaveLength(0);
    expect(emptied.endpoints).toHaveLength(0);
  });
});
