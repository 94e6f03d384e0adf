import {
  expectNoCredentials,
  exported,
  type ExportedResource,
  NativeProject,
  nativeProject,
} from "../../harness/native-project";

// A YAML program drives the native provider through the real CLI, the YAML language host and the
// plugin installed from its tarball: a BidirectionalNetworkLink (constructed by the provider), a clean
// preview, a refresh that sees an out-of-band delete, an up that recreates, a destroy.

// Two networks of the emulator's default seed.
const a = { environment: "env-aaaaa1", network: "n-aaaaa1" };
const b = { environment: "env-bbbbb1", network: "n-bbbbb1" };
const program = `name: native-yaml
runtime: yaml
resources:
  link:
    type: confluentnetworklink:index:BidirectionalNetworkLink
    properties:
      a:
        environment: { id: ${a.environment} }
        network: { id: ${a.network} }
      b:
        environment: { id: ${b.environment} }
        network: { id: ${b.network} }
      description: made by a YAML program
outputs:
  ready: \${link.ready}
  phases: \${link.phases}
  aToB: \${link.aToB.id}
`;

/**
 * The engine keeps, with each resource, the call stack that registered it. For the children of a
 * component that is the provider's own Node.js stack inside `construct` (the plugin's long file paths):
 * the provider registers them from a short stack, so the record is one frame, not the whole construct.
 */
function expectShortConstructStacks(resources: ExportedResource[]): void {
  const children = resources.filter((r) => r.urn.includes("BidirectionalNetworkLink$"));
  expect(children).toHaveLength(4);
  for (const child of children) {
    const frames = (child.stackTrace ?? []).filter((frame) => frame.sourcePosition);
    expect(frames.length).toBeLessThanOrEqual(1);
    const recorded = JSON.stringify({ stackTrace: child.stackTrace, sourcePosition: child.sourcePosition });
    expect(Buffer.byteLength(recorded)).toBeLessThanOrEqual(300);
  }
}

describe("native provider from a YAML program", () => {
  let project: NativeProject;
  beforeAll(async () => {
    project = await nativeProject({ "Pulumi.yaml": program });
  });
  afterAll(async () => project?.close());

  it("creates a bidirectional link, previews clean, refreshes after an out-of-band delete, destroys", async () => {
    const upOutput = await project.ok("up", "--yes");
    // Progress is pinned on the resource it is about (its diagnostics), not on the stack.
    expect(upOutput).toMatch(
      /confluentnetworklink:index:NetworkLinkEndpoint \(link-a-to-b\):\n(?:\s+warning: .*\n)?\s+endpoint 'link-a-to-b' \(nle-\w+\) in n-aaaaa1 to service nls-\w+: created/,
    );
    const outputs = JSON.parse(await project.ok("stack", "output", "--json"));
    expect(outputs.ready).toBe(true);
    expect(outputs.phases).toEqual({ aService: "READY", bService: "READY", aToB: "READY", bToA: "READY" });

    const { resources } = await exported(project);
    const types = resources.map((r) => r.type).sort();
    expect(types).toEqual(
      expect.arrayContaining([
        "confluentnetworklink:index:BidirectionalNetworkLink",
        "confluentnetworklink:index:NetworkLinkEndpoint",
        "confluentnetworklink:index:NetworkLinkService",
      ]),
    );
    expect(types.filter((t) => t.endsWith("NetworkLinkEndpoint"))).toHaveLength(2);
    expectShortConstructStacks(resources);
    expect((await project.admin.state()).endpoints).toHaveLength(2);

    await project.ok("preview", "--expect-no-changes");

    // Out of band: the a→b endpoint disappears. Refresh drops it; the next up recreates it.
    await project.admin.deleteOutOfBand(outputs.aToB);
    await project.ok("refresh", "--yes");
    const afterRefresh = await exported(project);
    expect(afterRefresh.resources.map((r) => r.id)).not.toContain(outputs.aToB);
    const preview = await project.pulumi("preview", "--expect-no-changes");
    expect(preview.code).not.toBe(0);
    expect(preview.stdout).toMatch(/\+ 1 to create/);
    await project.ok("up", "--yes");
    expect((await project.admin.state()).endpoints).toHaveLength(2);
    await project.ok("preview", "--expect-no-changes");

    await expectNoCredentials(project);
    await project.ok("destroy", "--yes");
    const emptied = await project.admin.state();
    expect(emptied.services).toHaveLength(0);
    expect(emptied.endpoints).toHaveLength(0);
  });
});
