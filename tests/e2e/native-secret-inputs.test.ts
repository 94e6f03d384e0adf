import { exported, NativeProject, nativeProject } from "../../harness/native-project";

// An input a YAML program marks secret stays secret through the native provider: a check failure
// about it does not quote it, the CLI never prints it, and an output built from it (the CRN in
// `resourceName` holds the network ID) is secret too.

const SECRET_SIG = "4dabf18193072939515e22adb298388d";

const program = (environment: string, network: string) => `name: native-secret-inputs
runtime: yaml
resources:
  svc:
    type: confluentnetworklink:index:NetworkLinkService
    properties:
      environment:
        id:
          fn::secret: ${environment}
      network:
        id:
          fn::secret: ${network}
      accept:
        networks: [n-aaaaa1]
`;

describe("native provider: secret inputs", () => {
  let project: NativeProject;
  beforeAll(async () => {
    project = await nativeProject({ "Pulumi.yaml": program("enw-bbbbb1", "n-bbbbb1") });
  });
  afterAll(async () => project?.close());

  it("names the property of a bad secret input without quoting its value", async () => {
    const preview = await project.pulumi("preview");
    const text = preview.stdout + preview.stderr;
    expect(preview.code).not.toBe(0);
    expect(text).toMatch(/environment\.id/);
    expect(text).not.toContain("enw-bbbbb1");
    expect(project.transcript.join("\n")).not.toContain("enw-bbbbb1");
  });

  it("keeps outputs derived from a secret input secret", async () => {
    project.write("Pulumi.yaml", program("env-bbbbb1", "n-bbbbb1"));
    await project.ok("up", "--yes");
    const { resources } = await exported(project);
    const service = resources.find((r) => r.type === "confluentnetworklink:index:NetworkLinkService");
    expect(service?.outputs?.resourceName).toMatchObject({ [SECRET_SIG]: expect.any(String) });
    expect(service?.outputs?.network).toMatchObject({ [SECRET_SIG]: expect.any(String) });
    // The plain network ID appears nowhere in the export's outputs or in what the CLI printed.
    expect(JSON.stringify(service?.outputs)).not.toContain("n-bbbbb1");
    expect(project.transcript.join("\n")).not.toContain("n-bbbbb1");
  });
});
