import * as fs from "node:fs";
import * as path from "node:path";
import { PACKAGE, packageSchema } from "../../provider/native/schema";
import {
  NUGET_PACKAGE,
  PLUGIN_DOWNLOAD_URL,
  PUBLISHER,
  REPOSITORY_URL,
} from "../../provider/package-identity";
import { parseCSharp } from "../support/csharp-syntax";
import {
  classIn,
  csFiles,
  inputsOf,
  outputsOf,
  parsedSdkFile as parsed,
  pascal,
  readSdkFile as read,
  sdkDir,
} from "../support/dotnet-sdk-files";

// The generated .NET SDK (sdk/dotnet) against the schema it comes from, for machines without
// `dotnet` (scripts/check-sdks.sh compiles it where `dotnet` exists): every file is valid C#, and
// each resource, component, type, the provider and the project carry what the schema says.

interface PropertySpec {
  secret?: boolean;
  $ref?: string;
  items?: PropertySpec;
  additionalProperties?: PropertySpec;
}
interface ResourceSpec {
  isComponent?: boolean;
  inputProperties: Record<string, PropertySpec>;
  requiredInputs?: string[];
  properties?: Record<string, PropertySpec>;
}
interface TypeSpec {
  properties: Record<string, PropertySpec>;
  required?: string[];
}
interface CSharpSpec {
  rootNamespace: string;
  namespaces: Record<string, string>;
  packageReferences: Record<string, string>;
}

const schema = packageSchema() as {
  version: string;
  config: { variables: Record<string, PropertySpec> };
  provider: { inputProperties: Record<string, PropertySpec> };
  types: Record<string, TypeSpec>;
  resources: Record<string, ResourceSpec>;
  language: { csharp: CSharpSpec };
};
const csharp = schema.language.csharp;
const namespace = `${csharp.rootNamespace}.${csharp.namespaces[PACKAGE]}`;

const nameOf = (token: string): string => token.split(":")[2];
const expectedInputs = (properties: Record<string, PropertySpec>, required: string[] = []) =>
  Object.fromEntries(Object.keys(properties).map((name) => [name, required.includes(name)]));

/** Object types reachable from resources' output properties: the SDK has an output class for each. */
function typesInOutputs(): Set<string> {
  const seen = new Set<string>();
  const visit = (property: PropertySpec | undefined): void => {
    if (!property) return;
    const token = property.$ref?.startsWith("#/types/") ? property.$ref.slice("#/types/".length) : undefined;
    if (token && !seen.has(token)) {
      seen.add(token);
      Object.values(schema.types[token].properties).forEach(visit);
    }
    visit(property.items);
    visit(property.additionalProperties);
  };
  for (const resource of Object.values(schema.resources))
    Object.values(resource.properties ?? {}).forEach(visit);
  return seen;
}

describe("generated .NET SDK (sdk/dotnet)", () => {
  it("is valid C#, every file in the package's namespace", async () => {
    const files = csFiles();
    expect(files.length).toBeGreaterThan(Object.keys(schema.resources).length);
    for (const file of files) {
      const { syntaxErrors, namespaces } = await parsed(file);
      expect({ file, syntaxErrors }).toEqual({ file, syntaxErrors: [] });
      expect(namespaces.length).toBeGreaterThan(0);
      for (const ns of namespaces) expect(ns === namespace || ns.startsWith(`${namespace}.`)).toBe(true);
    }
  });

  it("the syntax check reports a broken file", async () => {
    const source = read("Provider.cs");
    const broken = source.replace("public ProviderArgs()", "public ProviderArgs(");
    expect(broken).not.toBe(source);
    expect((await parseCSharp(broken)).syntaxErrors).not.toEqual([]);
  });

  it.each(Object.entries(schema.resources))(
    "%s: class, type token, outputs and Args inputs",
    async (token, spec) => {
      const name = nameOf(token);
      const cls = await classIn(`${name}.cs`, name);
      expect(cls.bases).toBe(
        spec.isComponent ? "global::Pulumi.ComponentResource" : "global::Pulumi.CustomResource",
      );
      expect(cls.attributes).toContain(`${csharp.namespaces[PACKAGE]}ResourceType("${token}")`);
      // A component of this package is built by the provider: the SDK registers it as remote.
      expect(cls.text.includes("remote: true")).toBe(spec.isComponent === true);
      expect(outputsOf(cls)).toEqual(Object.keys(spec.properties ?? {}).sort());
      const args = await classIn(`${name}.cs`, `${name}Args`);
      expect(args.bases).toBe("global::Pulumi.ResourceArgs");
      expect(inputsOf(args)).toEqual(expectedInputs(spec.inputProperties, spec.requiredInputs));
    },
  );

  it.each(Object.entries(schema.types))("type %s: an Args class with its properties", async (token, spec) => {
    const args = await classIn(`Inputs/${nameOf(token)}Args.cs`, `${nameOf(token)}Args`);
    expect(inputsOf(args)).toEqual(expectedInputs(spec.properties, spec.required));
  });

  it("an output class for each type a resource returns, with its fields", async () => {
    const expected = [...typesInOutputs()].map(nameOf).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(fs.readdirSync(path.join(sdkDir, "Outputs")).sort()).toEqual(expected.map((n) => `${n}.cs`));
    for (const name of expected) {
      const cls = await classIn(`Outputs/${name}.cs`, name);
      expect(cls.attributes).toContain("OutputType");
      const fields = [...cls.text.matchAll(/public readonly [^;]+? (\w+);/g)].map((m) => m[1]).sort();
      const token = `${PACKAGE}:index:${name}`;
      expect(fields).toEqual(Object.keys(schema.types[token].properties).map(pascal).sort());
    }
  });

  it("provider: its inputs, the secret ones wrapped as secrets; Config reads each variable", async () => {
    const provider = await classIn("Provider.cs", "Provider");
    expect(provider.attributes).toContain(
      `${csharp.namespaces[PACKAGE]}ResourceType("pulumi:providers:${PACKAGE}")`,
    );
    const args = await classIn("Provider.cs", "ProviderArgs");
    expect(inputsOf(args)).toEqual(expectedInputs(schema.provider.inputProperties));
    for (const [name, spec] of Object.entries(schema.provider.inputProperties)) {
      // The setter of a secret input stores the value combined with a secret, so it stays secret.
      const setter = new RegExp(
        `public Input<string>\\? ${pascal(name)}\\s*\\{[^}]*set\\s*\\{[^}]*Output\\.CreateSecret`,
      );
      expect({ name, secret: setter.test(args.text) }).toEqual({ name, secret: spec.secret === true });
    }
    const config = read("Config/Config.cs");
    expect(config).toContain(`new global::Pulumi.Config("${PACKAGE}")`);
    for (const name of Object.keys(schema.config.variables))
      expect(config).toContain(`__config.Get("${name}")`);
  });

  it("project: the Pulumi package version, the package version, plugin metadata", () => {
    const project = read(`${namespace}.csproj`);
    const pulumi = csharp.packageReferences.Pulumi;
    expect(pulumi).toMatch(/^\[\d+\.\d+\.\d+,4\)$/);
    expect(project).toContain(`<PackageReference Include="Pulumi" Version="${pulumi}"`);
    expect(project).toContain(`<Version>${schema.version}</Version>`);
    expect(project).toContain(`<EmbeddedResource Include="version.txt" />`);
    expect(read("version.txt")).toBe(schema.version);
    // The embedded resource's name is the assembly's (the .csproj's) name: Utilities reads it by that.
    expect(read("Utilities.cs")).toContain(`GetManifestResourceStream("${namespace}.version.txt")`);
    expect(JSON.parse(read("pulumi-plugin.json"))).toEqual({
      resource: true,
      name: PACKAGE,
      version: schema.version,
      server: PLUGIN_DOWNLOAD_URL,
    });
  });

  it("project: a supported .NET, and the NuGet metadata of the package identity", () => {
    const project = read(`${namespace}.csproj`);
    expect(project).toContain("<TargetFramework>net8.0</TargetFramework>");
    expect(namespace).toBe(NUGET_PACKAGE);
    for (const [element, value] of [
      ["PackageId", NUGET_PACKAGE],
      ["Authors", PUBLISHER],
      ["PackageLicenseExpression", "Apache-2.0"],
      ["PackageProjectUrl", REPOSITORY_URL],
      ["RepositoryUrl", REPOSITORY_URL],
    ])
      expect(project).toContain(`<${element}>${value}</${element}>`);
    expect(project).toMatch(/<Description>Confluent Cloud Network Linking[^<]+<\/Description>/);
  });
});
