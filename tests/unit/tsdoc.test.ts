/**
 * Every public Args property and output carries TSDoc, the limits users hit are stated where they
 * apply, and each resource and component shows an `@example`. Read from the sources with the
 * TypeScript compiler, following what provider/index.ts exports.
 */
import * as path from "node:path";
import * as ts from "typescript";

const entry = path.resolve(__dirname, "../../provider/index.ts");
const program = ts.createProgram([entry], { strict: true, target: ts.ScriptTarget.ES2022 });
const checker = program.getTypeChecker();
const publicSymbols = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(entry)!)!);

function resolved(symbol: ts.Symbol): ts.Symbol {
  return symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

function docOf(symbol: ts.Symbol): string {
  return ts.displayPartsToString(symbol.getDocumentationComment(checker)).replace(/\s+/g, " ");
}

const exported = new Map(publicSymbols.map((s) => [s.getName(), resolved(s)]));
const RESOURCES = ["NetworkLinkService", "NetworkLinkEndpoint"];
const COMPONENTS = ["NetworkLink", "BidirectionalNetworkLink", "NetworkLinkMesh"];
const ARGS = [
  "NetworkLinkServiceArgs",
  "NetworkLinkEndpointArgs",
  "NetworkLinkServiceReference",
  "NetworkLinkArgs",
  "BidirectionalNetworkLinkArgs",
  "NetworkLinkMeshArgs",
  "MeshNetwork",
  "Side",
  "NetworkSide",
  "LinkSettings",
  "CredentialSource",
  "GetNetworkLinkServiceArgs",
  "GetNetworkLinkEndpointArgs",
];

/** Properties of an interface, inherited ones included, as `Name.property`. */
function properties(name: string): [string, ts.Symbol][] {
  const symbol = exported.get(name);
  if (!symbol) throw new Error(`${name} is not exported`);
  const type = checker.getDeclaredTypeOfSymbol(symbol);
  return type.getProperties().map((p) => [`${name}.${p.getName()}`, p]);
}

/** Outputs a class declares, itself or through a base class of this package (not Pulumi's Resource). */
function outputs(name: string): [string, ts.Symbol][] {
  const type = checker.getDeclaredTypeOfSymbol(exported.get(name)!);
  const ours = (p: ts.Symbol) =>
    (p.declarations ?? []).some((d) => !d.getSourceFile().fileName.includes("node_modules"));
  return type
    .getProperties()
    .filter((p) => p.flags & ts.SymbolFlags.Property && ours(p))
    .map((p) => [`${name}.${p.getName()}`, p]);
}

describe("TSDoc of the public API", () => {
  it("documents every property of every exported Args type", () => {
    const undocumented = ARGS.flatMap(properties)
      .filter(([, p]) => docOf(p).trim() === "")
      .map(([name]) => name);
    expect(undocumented).toEqual([]);
  });

  it("documents every output of the resources and components", () => {
    const all = [...RESOURCES, ...COMPONENTS].flatMap(outputs);
    expect(all.length).toBeGreaterThan(20);
    expect(all.filter(([, p]) => docOf(p).trim() === "").map(([name]) => name)).toEqual([]);
  });

  it("gives an @example for each resource and component", () => {
    const withoutExample = [...RESOURCES, ...COMPONENTS].filter(
      (name) =>
        !exported
          .get(name)!
          .getJsDocTags(checker)
          .some((tag) => tag.name === "example"),
    );
    expect(withoutExample).toEqual([]);
  });

  it.each([
    ["NetworkLinkServiceArgs.displayName", /1 to 255 characters/],
    ["NetworkLinkEndpointArgs.displayName", /1 to 255 characters/],
    ["NetworkLinkServiceArgs.readyTimeoutSeconds", /1 to 86400 seconds/],
    ["NetworkLinkServiceArgs.deleteTimeoutSeconds", /1 to 86400 seconds/],
    ["NetworkLinkEndpointArgs.readyTimeoutSeconds", /1 to 86400 seconds/],
    ["NetworkLinkEndpointArgs.deleteTimeoutSeconds", /1 to 86400 seconds/],
    ["LinkSettings.readyTimeoutSeconds", /1 to 86400 seconds/],
    ["NetworkLinkServiceArgs.accept", /both lists empty: nobody is accepted/],
    ["NetworkLinkServiceArgs.adoptExistingId", /Only read when the resource is created/],
    ["NetworkLinkEndpointArgs.adoptExistingId", /Only read when the resource is created/],
    ["LinkSettings.adoptExistingIds", /Only read when each child is created/],
    ["NetworkLinkServiceArgs.description", /up to 255 characters/],
  ])("%s states its limit", (qualified, limit) => {
    const [type] = qualified.split(".");
    const found = properties(type).find(([name]) => name === qualified);
    expect(found && docOf(found[1])).toMatch(limit);
  });
});
