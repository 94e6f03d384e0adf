import { NativeProject, nativeProject } from "../../harness/native-project";

// What `pulumi preview --diff` shows for native resources: the provider's detailed diff (each changed
// property, an update or a replacement), not the engine's own comparison of the inputs, so an
// omitted list against the empty one in the state is no change, and an edit shows only itself.

const program = (network: string, description: string) => `name: native-diff
runtime: yaml
resources:
  svc:
    type: confluentnetworklink:index:NetworkLinkService
    properties:
      environment: { id: env-bbbbb1 }
      network: { id: ${network} }
      description: ${description}
      # accept.environments omitted: the state records an empty list.
      accept:
        networks: [n-aaaaa2]
`;

interface Step {
  op: string;
  urn: string;
  diffs?: string[];
  detailedDiff?: Record<string, { kind: string; inputDiff: boolean }>;
}

/** The steps `pulumi preview --diff --json` plans for the service. */
async function serviceSteps(project: NativeProject): Promise<Step[]> {
  const result = await project.pulumi("preview", "--diff", "--json");
  const steps = (JSON.parse(result.stdout).steps ?? []) as Step[];
  return steps.filter((s) => s.urn.endsWith("NetworkLinkService::svc"));
}

describe("native provider: detailed diff", () => {
  let project: NativeProject;
  beforeAll(async () => {
    project = await nativeProject({ "Pulumi.yaml": program("n-bbbbb1", "first") });
  });
  afterAll(async () => project?.close());

  it("shows an edit as an update of that property, a network change as a replacement, and no phantom change", async () => {
    await project.ok("up", "--yes");
    // `[]` in the state against an omitted list: no change, in the text and in the JSON.
    const clean = await project.ok("preview", "--diff", "--expect-no-changes");
    expect(clean).not.toMatch(/environments/);
    expect((await serviceSteps(project)).filter((s) => s.op !== "same")).toEqual([]);

    project.write("Pulumi.yaml", program("n-bbbbb1", "second"));
    const edit = await project.ok("preview", "--diff");
    expect(edit).toMatch(/~ confluentnetworklink:index:NetworkLinkService: \(update\)/);
    expect(edit).toMatch(/~ description\s*: "first" => "second"/);
    expect(edit).not.toMatch(/accept|environments|displayName|phase/);
    expect(edit).toMatch(/~ 1 to update/);
    const [update] = await serviceSteps(project);
    expect(update).toMatchObject({
      op: "update",
      detailedDiff: { description: { kind: "update", inputDiff: true } },
    });

    project.write("Pulumi.yaml", program("n-bbbbb2", "first"));
    const move = await project.ok("preview", "--diff");
    expect(move).toMatch(/\+-confluentnetworklink:index:NetworkLinkService: \(replace\)/);
    expect(move).toMatch(/~ network\s*: \{\n\s*~ id: "n-bbbbb1" => "n-bbbbb2"/);
    expect(move).toMatch(/\+-1 to replace/);
    // The JSON preview lists a replacement as one step.
    const [replacement, ...others] = await serviceSteps(project);
    expect(others).toEqual([]);
    expect(replacement.op).toBe("replace");
    expect(replacement.detailedDiff).toEqual({ network: { kind: "update-replace", inputDiff: true } });
  });
});
