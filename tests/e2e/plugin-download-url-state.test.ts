import { exported, NativeProject, nativeProject, PLUGIN_VERSION } from "../../harness/native-project";
import { PLUGIN_DOWNLOAD_URL } from "../../provider/package-identity";

// The SDKs now register every resource with the schema's pluginDownloadURL, and the engine names the
// default provider after it (`default_0_1_0_github_/api.github.com/…` instead of `default_0_1_0`): a name stored in
// the state. A stack written without it (every SDK before this release) moves to the new default
// provider on its next `up` without replacing or touching its resources. YAML takes the resource
// options the generated SDKs set (version, then version and pluginDownloadURL), so the two programs
// register as the old and the new SDKs do.

const program = (options: string) => `name: download-url-state
runtime: yaml
resources:
  svc:
    type: confluentnetworklink:index:NetworkLinkService
    properties:
      environment: { id: env-aaaaa1 }
      network: { id: n-aaaaa1 }
      accept: { environments: [env-bbbbb1] }
${options}outputs:
  id: \${svc.id}
`;

const providerOf = async (project: NativeProject) => {
  const { resources } = await exported(project);
  const service = resources.find((r) => r.type === "confluentnetworklink:index:NetworkLinkService");
  const providers = resources.filter((r) => r.type === "pulumi:providers:confluentnetworklink");
  return {
    id: service?.id,
    // `urn:…::pulumi:providers:confluentnetworklink::<name>::<id>`
    provider: (service as { provider?: string } | undefined)?.provider?.split("::")[3],
    providers: providers.map((p) => p.urn.split("::").pop()),
  };
};

describe("a stack written before the SDKs named the plugin's download URL", () => {
  let project: NativeProject;
  beforeAll(async () => {
    project = await nativeProject({
      "Pulumi.yaml": program(`    options:\n      version: ${PLUGIN_VERSION}\n`),
    });
  });
  afterAll(async () => project?.close());

  it("moves to the new default provider without replacing its resources", async () => {
    await project.ok("up", "--yes");
    const before = await providerOf(project);
    expect(before.providers).toEqual([`default_${PLUGIN_VERSION.replace(/\./g, "_")}`]);
    expect(before.provider).toBe(`default_${PLUGIN_VERSION.replace(/\./g, "_")}`);
    expect((await project.admin.counters()).writes).toBeGreaterThan(0);

    project.write(
      "Pulumi.yaml",
      program(
        `    options:\n      version: ${PLUGIN_VERSION}\n      pluginDownloadURL: ${PLUGIN_DOWNLOAD_URL}\n`,
      ),
    );
    await project.admin.resetCounters();
    await project.ok("up", "--yes");
    const after = await providerOf(project);
    expect(after.id).toBe(before.id);
    // The engine's rendering of the URL: `default_0_1_0_github_/api.github.com/<org>/<repo>`.
    expect(after.providers).toEqual([
      expect.stringMatching(/^default_\d+_\d+_\d+_github_.*api\.github\.com/),
    ]);
    expect(after.provider).toBe(after.providers[0]);
    expect((await project.admin.counters()).writes).toBe(0);
    await project.ok("preview", "--expect-no-changes");
  });
});
