import * as fs from "node:fs";
import * as path from "node:path";
import { parseCSharp, type ParsedCSharp } from "../support/csharp-syntax";
import { inputsOf, outputsOf, pascal, sdkClasses } from "../support/dotnet-sdk-files";

// The C# in docs/native/dotnet.md against the generated SDK (no `dotnet` here to compile it): each
// block parses, every Args object it builds sets only properties the SDK has and all required ones,
// and every output it reads from a resource exists.

const doc = fs.readFileSync(path.join(__dirname, "../../docs/native/dotnet.md"), "utf8");
const blocks = [...doc.matchAll(/```csharp\n([\s\S]*?)```/g)].map((m) => m[1]);
const alias = "Cnl."; // the doc's alias of the SDK's namespace
const sdkType = (written: string): string =>
  written.startsWith(alias) ? written.slice(alias.length) : written;

describe("docs/native/dotnet.md", () => {
  let parsed: ParsedCSharp[];
  beforeAll(async () => {
    parsed = await Promise.all(blocks.map((block) => parseCSharp(block)));
  });

  it("has C# that parses", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    for (const [index, block] of parsed.entries()) {
      expect({ index, errors: block.syntaxErrors }).toEqual({ index, errors: [] });
    }
  });

  it("builds each Args object with the SDK's properties, the required ones included", async () => {
    const classes = await sdkClasses();
    const argsCreations = parsed.flatMap((p) => p.creations).filter((c) => sdkType(c.type).endsWith("Args"));
    expect(argsCreations.map((c) => sdkType(c.type))).toEqual(
      expect.arrayContaining(["BidirectionalNetworkLinkArgs", "NetworkSideArgs", "IdReferenceArgs"]),
    );
    for (const creation of argsCreations) {
      const cls = classes.get(sdkType(creation.type));
      expect({ type: creation.type, inSdk: cls !== undefined }).toEqual({ type: creation.type, inSdk: true });
      const inputs = Object.entries(inputsOf(cls!));
      const known = inputs.map(([name]) => pascal(name));
      const required = inputs.filter(([, isRequired]) => isRequired).map(([name]) => pascal(name));
      expect({ type: creation.type, unknown: creation.members.filter((m) => !known.includes(m)) }).toEqual({
        type: creation.type,
        unknown: [],
      });
      expect({ type: creation.type, missing: required.filter((m) => !creation.members.includes(m)) }).toEqual(
        {
          type: creation.type,
          missing: [],
        },
      );
    }
  });

  it("reads only outputs the resources have", async () => {
    const classes = await sdkClasses();
    let checked = 0;
    for (const block of parsed) {
      for (const { target, name } of block.memberAccesses) {
        // Resources are written with the alias; an unqualified type (Config) is Pulumi's.
        const type = block.variableTypes[target] ?? "";
        if (!type.startsWith(alias)) continue;
        const cls = classes.get(sdkType(type));
        expect({ type, inSdk: cls !== undefined }).toEqual({ type, inSdk: true });
        if (!cls || cls.name.endsWith("Args")) continue;
        expect({ target, name, exists: outputsOf(cls).map(pascal).includes(name) }).toEqual({
          target,
          name,
          exists: true,
        });
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(3);
  });
});
