/**
 * Issue 26 item 6 through the CLI: `pulumi preview` refuses an input over one of the API's limits,
 * naming the property, the limit and what was given, and the emulator receives no write. The
 * representatives failed only at `up` before: an accept list of 1001 networks in a TypeScript program
 * (dynamic resources) and of 1001 environments in a YAML program (native provider). A mesh over the
 * organization's link limit fails the same way (through the Automation API). Every limit is covered
 * at the check level in tests/unit/check-limits.test.ts.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { exampleFiles, openCliProject, type CliProject } from "../../harness/cli-project";
import { nativeProject, type NativeProject } from "../../harness/native-project";
import type { EmulatorAdmin } from "confluent-network-link-emulator";
import { NetworkLinkMesh } from "../../provider";
import { collectRejections } from "../support/rejections";
import { initEmulatorStack, startE2e, type E2e } from "../support/emulator-stacks";

jest.setTimeout(600_000);

/** `count` distinct IDs with this prefix. */
const ids = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i}x`);

/** The service's program: one NetworkLinkService accepting `count` networks. */
const tsProgram = (count: number) => `import { NetworkLinkService } from "pulumi-confluent-network-link";

const networks = Array.from({ length: ${count} }, (_, i) => \`n-\${i}x\`);
const service = new NetworkLinkService("target", {
  environment: { id: "env-aaaaa1" },
  network: { id: "n-aaaaa1" },
  accept: { networks },
});
export const serviceId = service.id;
`;

const yamlProgram = (count: number) => `name: preview-limits
runtime: yaml
resources:
  target:
    type: confluentnetworklink:index:NetworkLinkService
    properties:
      environment: { id: env-aaaaa1 }
      network: { id: n-aaaaa1 }
      accept:
        environments: [${ids("env-", count).join(", ")}]
`;

/** Writes and stored objects since the counters were last reset: none, for a preview. */
async function nothingWritten(admin: EmulatorAdmin) {
  const [counters, state] = await Promise.all([admin.counters(), admin.state()]);
  return { writes: counters.writes, services: state.services.length, endpoints: state.endpoints.length };
}

const NOTHING = { writes: 0, services: 0, endpoints: 0 };

describe("preview refuses an input over the API's limit: TypeScript program (dynamic resources)", () => {
  let e2e: E2e;
  let project: CliProject;
  beforeAll(async () => {
    e2e = await startE2e();
    project = await openCliProject({
      files: { ...exampleFiles("unidirectional"), "index.ts": tsProgram(1000) },
    });
    await initEmulatorStack(project, e2e.emulator.url);
  });
  afterAll(async () => {
    await project?.dispose();
    await e2e?.close();
  });

  it("1000 accepted networks preview as a create; 1001 fail naming accept.networks, with no write", async () => {
    await e2e.admin.resetCounters();
    const atLimit = await project.run(["preview"]);
    expect(atLimit.stdout).toMatch(/\+ 2 to create/);
    expect(await nothingWritten(e2e.admin)).toEqual(NOTHING);

    fs.writeFileSync(path.join(project.projectDir, "index.ts"), tsProgram(1001));
    await e2e.admin.resetCounters();
    const over = await project.run(["preview"], { allowFailure: true });
    const output = over.stdout + over.stderr;
    expect(over.code).not.toBe(0);
    expect(output).toContain(
      "accept.networks must list at most 1000 network IDs (the API's limit); got 1001: remove 1, or admit " +
        "whole environments through accept.environments instead of listing each of their networks",
    );
    expect(await nothingWritten(e2e.admin)).toEqual(NOTHING);
  });
});

describe("preview refuses an input over the API's limit: YAML program (native provider)", () => {
  let project: NativeProject;
  beforeAll(async () => {
    project = await nativeProject({ "Pulumi.yaml": yamlProgram(1000) });
  });
  afterAll(async () => project?.close());

  it("1000 accepted environments preview as a create; 1001 fail naming accept.environments, with no write", async () => {
    await project.admin.resetCounters();
    const atLimit = await project.pulumi("preview");
    expect(atLimit.code).toBe(0);
    expect(atLimit.stdout).toMatch(/\+ 2 to create/);
    expect(await nothingWritten(project.admin)).toEqual(NOTHING);

    project.write("Pulumi.yaml", yamlProgram(1001));
    await project.admin.resetCounters();
    const over = await project.pulumi("preview");
    const output = over.stdout + over.stderr;
    expect(over.code).not.toBe(0);
    // Pinned on the resource.
    expect(output).toMatch(
      /NetworkLinkService \(target\):\n\s+error: .*accept\.environments must list at most 1000 environment IDs \(the API's limit\); got 1001: remove 1/,
    );
    expect(await nothingWritten(project.admin)).toEqual(NOTHING);
  });
});

describe("preview refuses a mesh over the organization's link limit (component, Automation API)", () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e();
  });
  afterAll(() => e2e?.close());

  it("a mesh over the organization's limit fails at preview with the limit message, and nothing is written", async () => {
    const stack = await e2e.stack(async () => {
      const mesh = new NetworkLinkMesh("mesh", {
        networks: [
          { environment: { id: "env-aaaaa1" }, network: { id: "n-aaaaa1" } },
          { environment: { id: "env-aaaaa1" }, network: { id: "n-aaaaa2" } },
          { environment: { id: "env-bbbbb1" }, network: { id: "n-bbbbb1" } },
          { environment: { id: "env-bbbbb1" }, network: { id: "n-bbbbb2" } },
        ],
        existingLinkCount: 10,
      });
      return { ready: mesh.ready };
    });
    await e2e.admin.resetCounters();
    let err: Error | undefined;
    // The component's error also surfaces as the runtime's unhandled rejections, which jest would count.
    const rejections = await collectRejections(async () => {
      err = await stack.preview().then(
        () => undefined,
        (e) => e,
      );
    });
    expect(rejections.join("\n")).toContain("a mesh of 4 networks needs 12 network links");
    expect(String(err?.message)).toContain("a mesh of 4 networks needs 12 network links");
    expect(String(err?.message)).toContain("the largest mesh that fits is 3 networks");
    expect(await nothingWritten(e2e.admin)).toEqual(NOTHING);
  });
});
