import { exported, NativeProject, nativeProject } from "../../harness/native-project";

// Two things the SDK's provider server does not do by itself, checked through the engine:
// - a property given as a secret stays secret in the state's outputs (the server returns plain
//   values, so the provider marks them again; without that, the description below is plain text);
// - diff: the server passes on changes, replacements and delete-before-replace only, which is enough
//   for an in-place update (display name) and a replacement that frees the slot first (network).

const program = (network: string, displayName: string) => `name: native-secrets
runtime: yaml
resources:
  svc:
    type: confluentnetworklink:index:NetworkLinkService
    properties:
      environment: { id: env-bbbbb1 }
      network: { id: ${network} }
      displayName: ${displayName}
      description:
        fn::secret: not-for-the-state-in-plain-text
      accept:
        networks: [n-aaaaa1]
`;

/**
 * The steps of the service's replacement, in the order `pulumi preview --json --show-replacement-steps`
 * plans them. The JSON rather than the progress rows: a row that carries a message (the region warning
 * of n-bbbbb2) is printed in a different form, and which row carries it varies from run to run.
 */
async function replacementOrder(project: NativeProject): Promise<string[]> {
  const { stdout } = await project.pulumi("preview", "--json", "--show-replacement-steps");
  const steps = (JSON.parse(stdout).steps ?? []) as { op: string; urn: string }[];
  return steps.filter((step) => step.urn.endsWith("NetworkLinkService::svc")).map((step) => step.op);
}

const SECRET_SIG = "4dabf18193072939515e22adb298388d";

describe("native provider: secrets and diff", () => {
  let project: NativeProject;
  beforeAll(async () => {
    project = await nativeProject({ "Pulumi.yaml": program("n-bbbbb1", "svc") });
  });
  afterAll(async () => project?.close());

  it("keeps a secret input secret in the outputs", async () => {
    await project.ok("up", "--yes");
    const { text, resources } = await exported(project);
    expect(text).not.toContain("not-for-the-state-in-plain-text");
    const service = resources.find((r) => r.type === "confluentnetworklink:index:NetworkLinkService");
    expect(service?.outputs?.description).toMatchObject({ [SECRET_SIG]: expect.any(String) });
    expect(project.stateFiles().some((f) => f.text.includes("not-for-the-state-in-plain-text"))).toBe(false);
    expect(project.transcript.join("\n")).not.toContain("not-for-the-state-in-plain-text");
  });

  it("updates in place, replaces on a network change, and deletes first when the slot is the same", async () => {
    project.write("Pulumi.yaml", program("n-bbbbb1", "renamed"));
    const update = await project.ok("preview", "--diff");
    expect(update).toMatch(/~ 1 to update/);
    expect(update).not.toMatch(/to replace/);
    await project.ok("up", "--yes");
    await project.ok("preview", "--expect-no-changes");

    // Another network: another slot, so the new service is created before the old one goes.
    project.write("Pulumi.yaml", program("n-bbbbb2", "renamed"));
    expect(await replacementOrder(project)).toEqual(["create-replacement", "replace", "delete-replaced"]);
    await project.ok("up", "--yes");
    await project.ok("preview", "--expect-no-changes");

    // A FAILED service in the same network: its replacement must free the slot first, which needs
    // deleteBeforeReplace to reach the engine.
    const [service] = (await exported(project)).resources.filter(
      (r) => r.type === "confluentnetworklink:index:NetworkLinkService",
    );
    await project.admin.forcePhase(service.id as string, "FAILED");
    await project.ok("refresh", "--yes");
    expect(await replacementOrder(project)).toEqual(["delete-replaced", "replace", "create-replacement"]);
    await project.ok("up", "--yes");
    const state = await project.admin.state();
    expect(state.services).toHaveLength(1);
    await project.ok("preview", "--expect-no-changes");
  });
});
