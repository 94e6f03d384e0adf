import * as fs from "node:fs";
import * as path from "node:path";
import { GO_SDK_MODULE } from "../../harness/native-project";
import { packageSchema } from "../../provider/native/schema";
import * as identity from "../../provider/package-identity";
import { PACKAGE_NAME } from "../../provider/version";

// One name per thing (provider/package-identity.ts): what cannot import it (package.json files, the
// generated SDKs, the docs) says the same, so a rename is made in one place and caught everywhere else.

const root = path.resolve(__dirname, "../..");
const read = (file: string): string => fs.readFileSync(path.join(root, file), "utf8");
const json = (file: string) => JSON.parse(read(file));
const schema = packageSchema() as Record<string, unknown> & {
  language: Record<string, Record<string, unknown>>;
};

describe("the package identity", () => {
  it("package.json: the npm name stored in state, the repository, homepage and issues", () => {
    const pkg = json("package.json");
    expect(pkg.name).toBe(identity.NPM_PACKAGE);
    expect(PACKAGE_NAME).toBe(identity.NPM_PACKAGE);
    expect(read("provider/resources/forwarder.ts")).toContain(`require("${identity.NPM_PACKAGE}/runtime")`);
    expect(pkg.repository).toEqual({ type: "git", url: `git+${identity.REPOSITORY_URL}.git` });
    expect(pkg.homepage).toBe(`${identity.REPOSITORY_URL}#readme`);
    expect(pkg.bugs.url).toBe(`${identity.REPOSITORY_URL}/issues`);
  });

  it("emulator/package.json: its command has its package's name (the old name stays as an alias)", () => {
    const emulator = json("emulator/package.json");
    expect(emulator.name).toBe(identity.EMULATOR_PACKAGE);
    expect(Object.keys(emulator.bin)).toEqual([identity.EMULATOR_PACKAGE, "confluent-network-emulator"]);
    expect(emulator.repository).toEqual({
      type: "git",
      url: `git+${identity.REPOSITORY_URL}.git`,
      directory: "emulator",
    });
    expect(json("package.json").workspaces).toEqual(["emulator"]);
  });

  it("the schema: homepage, repository, publisher, plugin download URL and each language's name", () => {
    expect(schema).toMatchObject({
      name: identity.PLUGIN,
      homepage: identity.REPOSITORY_URL,
      repository: identity.REPOSITORY_URL,
      publisher: identity.PUBLISHER,
      pluginDownloadURL: `github://api.github.com/${identity.REPOSITORY}`,
    });
    expect(schema.language.nodejs.packageName).toBe(identity.NODEJS_SDK_PACKAGE);
    expect(schema.language.python).toMatchObject({
      packageName: identity.PYPI_PACKAGE,
      pyproject: { enabled: true },
    });
    expect(schema.language.go.importBasePath).toBe(identity.GO_MODULE);
    expect(identity.GO_MODULE).toBe(
      "github.com/pulumi-confluent-network-link/pulumi-confluent-network-link/sdk/go/confluentnetworklink",
    );
    expect(GO_SDK_MODULE).toBe(identity.GO_MODULE);
  });

  it("the generated SDKs carry it (sdk/ as committed)", () => {
    const nodejs = json("sdk/nodejs/package.json");
    expect(nodejs).toMatchObject({
      name: identity.NODEJS_SDK_PACKAGE,
      homepage: identity.REPOSITORY_URL,
      repository: identity.REPOSITORY_URL,
      pulumi: { resource: true, name: identity.PLUGIN, server: identity.PLUGIN_DOWNLOAD_URL },
    });
    const pyproject = read("sdk/python/pyproject.toml");
    expect(fs.existsSync(path.join(root, "sdk/python/setup.py"))).toBe(false);
    expect(pyproject).toContain(`name = "${identity.PYPI_PACKAGE}"`);
    expect(pyproject).toContain(`Repository = "${identity.REPOSITORY_URL}"`);
    expect(fs.existsSync(path.join(root, "sdk/python/README.md"))).toBe(true); // pyproject's readme
    expect(read("sdk/go/confluentnetworklink/go.mod").split("\n")[0]).toBe(`module ${identity.GO_MODULE}`);
    for (const file of [
      "sdk/go/confluentnetworklink/pulumi-plugin.json",
      "sdk/python/pulumi_confluentnetworklink/pulumi-plugin.json",
      "sdk/dotnet/pulumi-plugin.json",
    ])
      expect({ file, server: json(file).server }).toEqual({ file, server: identity.PLUGIN_DOWNLOAD_URL });
    expect(fs.existsSync(path.join(root, `sdk/dotnet/${identity.NUGET_PACKAGE}.csproj`))).toBe(true);
  });

  it("the registry pages name the packages and the plugin as decided", () => {
    const install = read("docs/installation-configuration.md");
    for (const name of [
      `npm install ${identity.NODEJS_SDK_PACKAGE}`,
      `npm install ${identity.NPM_PACKAGE}`,
      `pip install ${identity.PYPI_PACKAGE}`,
      `go get ${identity.GO_MODULE}`,
      `dotnet add package ${identity.NUGET_PACKAGE}`,
      `pulumi plugin install resource ${identity.PLUGIN}`,
    ])
      expect(install).toContain(name);
    expect(read("docs/_index.md")).toContain(identity.REPOSITORY_URL);
  });
});
