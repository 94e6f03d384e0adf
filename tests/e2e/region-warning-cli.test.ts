/**
 * The retirement warning as users see it: `pulumi preview` of a new link whose target network is in a
 * region where cluster linking no longer needs network links (the emulator's default seed puts
 * n-aaaaa1 in AWS us-east-1 and n-bbbbb1 in AWS ca-central-1) shows one warning on that side only;
 * once the stack is up, a preview makes no request at all. Through the CLI, for a TypeScript program
 * (dynamic resources) and a YAML program (native provider).
 */
import { exampleFiles, openCliProject, type CliProject } from "../../harness/cli-project";
import { nativeProject, type NativeProject } from "../../harness/native-project";
import { RETIREMENT_GUIDE_URL } from "../../provider/retirement";
import { initEmulatorStack, startE2e, type E2e } from "../support/emulator-stacks";

jest.setTimeout(600_000);

const LISTED =
  /network n-aaaaa1 is in AWS us-east-1, where cluster linking between Dedicated PrivateLink clusters no longer needs network links/g;
const UNLISTED = /network n-bbbbb1 is in AWS/;

/** The summary the CLI prints after the progress lines (each warning also shows once in the progress). */
const diagnostics = (output: string) => output.slice(output.indexOf("Diagnostics:"));

const networkReads = (counters: { byRoute: Record<string, number> }) =>
  (counters.byRoute["GET /networking/v1/networks"] ?? 0) +
  (counters.byRoute["GET /networking/v1/networks/:id"] ?? 0);

describe("the region warning through the CLI, TypeScript program", () => {
  let e2e: E2e;
  let project: CliProject;
  beforeAll(async () => {
    e2e = await startE2e();
    project = await openCliProject({ files: exampleFiles("unidirectional") });
    await initEmulatorStack(project, e2e.emulator.url);
  });
  afterAll(async () => {
    await project?.run(["destroy", "--yes"], { allowFailure: true });
    await project?.dispose();
    await e2e?.close();
  });

  it("warns once at preview for the side in a listed region, and an unchanged stack reads nothing", async () => {
    const preview = await project.run(["preview"]);
    const output = preview.stdout + preview.stderr;
    // One warning: the service in n-aaaaa1; the endpoint in n-bbbbb1 (ca-central-1) has none. The
    // dynamic-provider host is not told the URN, so the warning names its resource in words.
    expect(diagnostics(output).match(LISTED)).toHaveLength(1);
    expect(diagnostics(output)).toMatch(
      /warning: service 'origin-to-target-target-service' in n-aaaaa1: network/,
    );
    expect(output).toContain(RETIREMENT_GUIDE_URL);
    expect(output).not.toMatch(UNLISTED);
    // One list per environment: the service's (env-aaaaa1) and the endpoint's (env-bbbbb1).
    expect(networkReads(await e2e.admin.counters())).toBe(2);
    // Preview writes nothing.
    expect((await e2e.admin.counters()).writes).toBe(0);

    await project.run(["up", "--yes", "--skip-preview"]);
    await e2e.admin.resetCounters();
    const again = await project.run(["preview", "--expect-no-changes"]);
    expect(again.stdout + again.stderr).not.toMatch(LISTED);
    expect((await e2e.admin.counters()).total).toBe(0);
  });
});

describe("the region warning through the CLI, YAML program with the native provider", () => {
  let project: NativeProject;
  beforeAll(async () => {
    project = await nativeProject({
      "Pulumi.yaml": `name: region-warning
runtime: yaml
resources:
  target:
    type: confluentnetworklink:index:NetworkLinkService
    properties:
      environment: { id: env-aaaaa1 }
      network: { id: n-aaaaa1 }
      accept: { networks: [n-bbbbb1] }
  other:
    type: confluentnetworklink:index:NetworkLinkService
    properties:
      environment: { id: env-bbbbb1 }
      network: { id: n-bbbbb1 }
      accept: { networks: [n-aaaaa1] }
`,
    });
  });
  afterAll(async () => project?.close());

  it("pins one warning on the resource in the listed region", async () => {
    const result = await project.pulumi("preview");
    expect(result.code).toBe(0);
    const output = result.stdout + result.stderr;
    expect(diagnostics(output).match(LISTED)).toHaveLength(1);
    // Pinned on its resource: the diagnostics name the resource, then the warning.
    expect(output).toMatch(
      /NetworkLinkService \(target\):\n\s+warning: .*network n-aaaaa1 is in AWS us-east-1/,
    );
    expect(output).not.toMatch(UNLISTED);
  });
});
