/**
 * The package as a user gets it: `npm pack`, a fresh project outside the repository with Pulumi's
 * stock TypeScript template, the tarball installed beside @pulumi/pulumi and typescript from the
 * registry. `tsc --noEmit` prints no error; `pulumi up` of a BidirectionalNetworkLink against the
 * emulator, a clean `preview --diff`, `destroy`. Once per supported @pulumi/pulumi version (read from
 * package.json when the test runs). Needs `npm run build` and the npm registry.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { openCliProject, type CliProject } from "../../harness/cli-project";
import {
  createConsumerProject,
  installedCopies,
  packRepository,
  repoPackageJson,
  runCommand,
  supportedSdkVersions,
} from "../support/consumer-project";
import { emulatorLinks } from "../../harness/emulator-links";
import { startE2e, type E2e } from "../support/emulator-stacks";

jest.setTimeout(900_000);

const packDir = fs.mkdtempSync(path.join(os.tmpdir(), "network-link-pack-"));
let tarball: string;
let e2e: E2e;

beforeAll(async () => {
  tarball = await packRepository(packDir);
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.close();
  fs.rmSync(packDir, { recursive: true, force: true });
});

describe.each(supportedSdkVersions())("a user's project with @pulumi/pulumi %s", (sdkVersion) => {
  let dir: string;
  let project: CliProject | undefined;

  beforeAll(async () => {
    dir = await createConsumerProject(tarball, sdkVersion);
  });
  afterAll(async () => {
    if (project) {
      await project.run(["destroy", "--yes", "--stack", "dev"], { allowFailure: true });
      await project.dispose();
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("is outside the repository and has one copy of the SDK, the one asked for", async () => {
    expect(path.relative(path.resolve(__dirname, "../.."), dir).startsWith("..")).toBe(true);
    expect(installedCopies(dir, "@pulumi/pulumi")).toEqual([sdkVersion]);
    const ls = await runCommand("npm", ["ls", "@pulumi/pulumi", "--all", "--json"], dir);
    expect(ls.code).toBe(0);
  });

  it("installs the emulator server and the bridged provider only while the package depends on them", () => {
    const dependencies = repoPackageJson().dependencies ?? {};
    for (const name of ["fastify", "@pulumi/confluentcloud"]) {
      // Tightens by itself: once package.json stops listing one, a copy in the project fails here.
      const expected = name in dependencies ? 1 : 0;
      expect({ name, copies: installedCopies(dir, name).length }).toEqual({ name, copies: expected });
    }
  });

  it("type-checks with the stock template tsconfig: tsc --noEmit prints 0 errors", async () => {
    const tsc = await runCommand(
      path.join(dir, "node_modules", ".bin", "tsc"),
      ["--noEmit", "--pretty", "false", "-p", "."],
      dir,
    );
    // Plain output (the template sets pretty), so every diagnostic reads "error TSnnnn".
    expect(`${tsc.stdout}${tsc.stderr}`.match(/error TS\d+/g) ?? []).toEqual([]);
    expect(tsc.code).toBe(0);
  });

  it("goes up with the CLI, previews clean with --diff, and destroys", async () => {
    project = await openCliProject({ projectDir: dir });
    await project.run(["stack", "init", "dev"]);
    await project.run(["config", "set", "confluentcloud:endpoint", e2e.emulator.url]);
    await project.run(["config", "set", "confluentcloud:cloudApiKey", "EMULATOR_KEY"]);
    await project.run(["config", "set", "--secret", "confluentcloud:cloudApiSecret", "emulator-secret"]);

    await project.run(["up", "--yes"]);
    const outputs = await project.json<Record<string, unknown>>(["stack", "output"]);
    expect(outputs.ready).toBe(true);
    const deployed = await emulatorLinks(e2e.admin);
    expect(deployed.endpoints.map((e) => e.id).sort()).toEqual(
      [outputs.aToBEndpointId, outputs.bToAEndpointId].sort(),
    );
    expect(deployed.services).toHaveLength(2);
    expect([...deployed.services, ...deployed.endpoints].every((r) => r.phase === "READY")).toBe(true);

    await e2e.admin.resetCounters();
    const preview = await project.run(["preview", "--diff", "--expect-no-changes"]);
    expect(preview.stdout).toMatch(/\d+ unchanged/);
    expect(preview.stdout).not.toMatch(/to (create|update|replace|delete)/);
    expect((await e2e.admin.counters()).writes).toBe(0);

    await project.run(["destroy", "--yes"]);
    expect(await emulatorLinks(e2e.admin)).toEqual({ services: [], endpoints: [] });
  });
});
