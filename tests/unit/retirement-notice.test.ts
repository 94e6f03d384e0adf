/**
 * The retirement of network links is said once, dated, with a link to the guide, where users look
 * first: the README's first screen, the CHANGELOG's Unreleased section, the TSDoc of each resource and
 * component, the native schema's descriptions (and so its SDKs), docs/native, and examples/README.md.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { packageSchema, RETIREMENT_GUIDE_URL } from "../../provider/native/schema";

const root = path.resolve(__dirname, "../..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");
const GUIDE = "docs/retiring-network-links.md";
const NOTICE = /Network links are being retired \(as of 2026-12-07/g;
const count = (text: string, pattern: RegExp | string) =>
  typeof pattern === "string" ? text.split(pattern).length - 1 : [...text.matchAll(pattern)].length;

/** Markdown link targets of a text. */
const linkTargets = (text: string) => [...text.matchAll(/\]\(([^)\s]+)\)/g)].map(([, target]) => target);

describe("the guide's address", () => {
  it("is the repository URL form the README uses for other docs", () => {
    expect(RETIREMENT_GUIDE_URL).toBe(
      `https://github.com/pulumi-confluent-network-link/pulumi-confluent-network-link/blob/main/${GUIDE}`,
    );
  });
});

describe("README.md", () => {
  const readme = read("README.md");
  const firstScreen = readme.slice(0, readme.indexOf("\n## "));

  it("says it on its first screen, once in the whole file, linking to the guide and its section", () => {
    expect(count(firstScreen, NOTICE)).toBe(1);
    expect(count(readme, NOTICE)).toBe(1);
    expect(linkTargets(firstScreen)).toEqual(
      expect.arrayContaining([RETIREMENT_GUIDE_URL, "#network-links-are-being-retired"]),
    );
    expect(readme).toMatch(/^## Network links are being retired$/m);
  });

  it("names the nine regions and the date in its section", () => {
    const section = readme.slice(readme.indexOf("## Network links are being retired"));
    const body = section.slice(0, section.indexOf("\n## ", 1));
    for (const region of [
      "eu-central-1",
      "eu-west-1",
      "eu-west-2",
      "us-east-1",
      "us-east-2",
      "us-west-2",
      "ap-south-1",
      "ap-southeast-1",
      "ap-southeast-2",
    ]) {
      expect(body).toContain(region);
    }
    expect(body).toContain("December 31, 2026");
    expect(linkTargets(body)).toContain(RETIREMENT_GUIDE_URL);
  });
});

describe("CHANGELOG.md", () => {
  it("says it once, in Unreleased, linking to the guide", () => {
    const changelog = read("CHANGELOG.md");
    const start = changelog.indexOf("## Unreleased");
    const unreleased = changelog.slice(start, changelog.indexOf("\n## ", start));
    expect(unreleased.startsWith("## Unreleased")).toBe(true);
    expect(count(unreleased, NOTICE)).toBe(1);
    expect(count(changelog, NOTICE)).toBe(1);
    expect(linkTargets(unreleased)).toContain(RETIREMENT_GUIDE_URL);
  });
});

describe("TSDoc", () => {
  const entry = path.join(root, "provider/index.ts");
  const program = ts.createProgram([entry], { strict: true, target: ts.ScriptTarget.ES2022 });
  const checker = program.getTypeChecker();
  const exported = new Map(
    checker
      .getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(entry)!)!)
      .map((s) => [s.getName(), s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s]),
  );

  it.each([
    "NetworkLinkService",
    "NetworkLinkEndpoint",
    "NetworkLink",
    "BidirectionalNetworkLink",
    "NetworkLinkMesh",
  ])("of %s says it once, linking to the guide", (name) => {
    const symbol = exported.get(name);
    expect(symbol).toBeDefined();
    const doc = ts.displayPartsToString(symbol!.getDocumentationComment(checker)).replace(/\s+/g, " ");
    expect(count(doc, NOTICE)).toBe(1);
    expect(linkTargets(doc)).toEqual([RETIREMENT_GUIDE_URL]);
  });
});

describe("native schema", () => {
  const schema = packageSchema() as {
    description: string;
    resources: Record<
      string,
      { description: string; inputProperties: Record<string, { description?: string }> }
    >;
  };

  it("the package description says it once, with the guide's URL (shown raw by registries)", () => {
    expect(count(schema.description, NOTICE)).toBe(1);
    expect(count(schema.description, RETIREMENT_GUIDE_URL)).toBe(1);
  });

  it.each(Object.keys(schema.resources))(
    "%s: its description says it once, linking to the guide",
    (token) => {
      const { description, inputProperties } = schema.resources[token];
      expect(count(description, NOTICE)).toBe(1);
      expect(linkTargets(description)).toEqual([RETIREMENT_GUIDE_URL]);
      // Once per surface: not repeated in the property descriptions.
      expect(Object.values(inputProperties).filter((p) => count(p.description ?? "", NOTICE) > 0)).toEqual(
        [],
      );
    },
  );

  it("sdk/schema.json, from which the SDKs are generated, carries the same descriptions", () => {
    const generated = JSON.parse(read("sdk/schema.json")) as typeof schema;
    expect(generated.description).toBe(schema.description);
    for (const [token, spec] of Object.entries(schema.resources)) {
      expect({ token, description: generated.resources[token]?.description }).toEqual({
        token,
        description: spec.description,
      });
    }
  });
});

describe("docs", () => {
  it.each(["README.md", "dotnet.md", "go.md", "python.md", "typescript.md", "yaml.md"])(
    "docs/native/%s says it once, linking to the guide",
    (page) => {
      const text = read(`docs/native/${page}`);
      expect(count(text, NOTICE)).toBe(1);
      expect(linkTargets(text)).toContain("../retiring-network-links.md");
    },
  );

  it("examples/README.md points at the guide in one line", () => {
    const text = read("examples/README.md");
    const lines = text.split("\n").filter((line) => line.includes("retiring-network-links.md"));
    expect(lines).toHaveLength(1);
    expect(linkTargets(lines[0])).toContain(`../${GUIDE}`);
  });
});
