import { NativeProject, nativeProject } from "../../harness/native-project";

// A missing key is told the way it must be set: an explicit provider
// (`pulumi:providers:confluentnetworklink`) by its own inputs, the default provider by the stack
// config of the package. (Two explicit providers with their own keys in one program, YAML and Go,
// and a refused key naming its provider: tests/e2e/native-two-keys.test.ts.)

const A = { environment: "env-aaaaa1", network: "n-aaaaa1" };

describe("native provider: explicit providers, one key each", () => {
  let project: NativeProject;
  beforeAll(async () => {
    project = await nativeProject({ "Pulumi.yaml": "name: native-explicit\nruntime: yaml\n" });
  });
  afterAll(async () => project?.close());

  it("tells a provider without a key to set its own inputs, and the default provider its stack config", async () => {
    const orphan = `name: native-explicit
runtime: yaml
resources:
  teamC:
    type: pulumi:providers:confluentnetworklink
    properties:
      endpoint: ${project.emulator.url}
  cService:
    type: confluentnetworklink:index:NetworkLinkService
    properties:
      environment: { id: ${A.environment} }
      network: { id: ${A.network} }
    options:
      provider: \${teamC}
`;
    project.write("Pulumi.yaml", orphan);
    const explicit = await project.pulumi("preview");
    expect(explicit.code).not.toBe(0);
    expect(`${explicit.stdout}${explicit.stderr}`).toContain(
      "the Cloud API key is not set: set the `apiKey` input of provider 'teamC' or export CONFLUENT_CLOUD_API_KEY",
    );

    project.write(
      "Pulumi.yaml",
      orphan.replace(/  teamC:[\s\S]*?(?=  cService:)/, "").replace(/    options:[\s\S]*$/, ""),
    );
    await project.ok("config", "rm", "confluentnetworklink:apiKey");
    await project.ok("config", "rm", "confluentnetworklink:apiSecret");
    const byDefault = await project.pulumi("preview");
    expect(byDefault.code).not.toBe(0);
    const text = `${byDefault.stdout}${byDefault.stderr}`;
    expect(text).toContain(
      "the Cloud API key is not set: run `pulumi config set --secret confluentnetworklink:apiKey <value>` or export CONFLUENT_CLOUD_API_KEY",
    );
    expect(text).not.toContain("confluentcloud:");
  });
});
