import { readFileSync } from "node:fs";
import { Language, Parser, type Node } from "web-tree-sitter";

// C# parsing for the checks of the generated .NET SDK on machines without `dotnet`: tree-sitter's
// C# grammar (shipped as WebAssembly in the tree-sitter-c-sharp package) finds syntax errors and
// gives the classes and their attributes. It does not type-check: a wrong type name parses fine.

export interface CSharpClass {
  name: string;
  /** The base list as written, e.g. `global::Pulumi.CustomResource`. */
  bases: string;
  /** Attributes on the class itself, as written, e.g. `OutputType`. */
  attributes: string[];
  /** Attributes on its members, as written, e.g. `Input("network", required: true)`. */
  memberAttributes: string[];
  /** The whole declaration's text. */
  text: string;
}

export interface ParsedCSharp {
  /** Where the parser found an error or had to assume a missing token: `line:column kind`. */
  syntaxErrors: string[];
  namespaces: string[];
  classes: CSharpClass[];
}

let parser: Promise<Parser> | undefined;

async function csharpParser(): Promise<Parser> {
  await Parser.init();
  // From bytes: loading by path makes web-tree-sitter import("fs") dynamically, which jest refuses.
  const wasm = readFileSync(require.resolve("tree-sitter-c-sharp/tree-sitter-c_sharp.wasm"));
  const language = await Language.load(wasm);
  const created = new Parser();
  created.setLanguage(language);
  return created;
}

function errorsIn(node: Node, found: string[]): void {
  if (node.isError || node.isMissing) {
    const { row, column } = node.startPosition;
    found.push(`${row + 1}:${column + 1} ${node.isMissing ? `missing ${node.type}` : "error"}`);
  }
  // hasError is set on every ancestor of an error or missing node.
  for (const child of node.children) if (child?.hasError) errorsIn(child, found);
}

const attributeTexts = (lists: Node[]): string[] =>
  lists.flatMap((list) => list.namedChildren.filter((n) => n?.type === "attribute").map((n) => n!.text));

function describeClass(node: Node): CSharpClass {
  const body = node.childForFieldName("body");
  const members = body ? body.namedChildren.filter((n): n is Node => n !== null) : [];
  return {
    name: node.childForFieldName("name")?.text ?? "",
    bases: node.namedChildren.find((n) => n?.type === "base_list")?.text.replace(/^:\s*/, "") ?? "",
    attributes: attributeTexts(node.namedChildren.filter((n): n is Node => n?.type === "attribute_list")),
    memberAttributes: attributeTexts(
      members.flatMap((m) => m.namedChildren.filter((n): n is Node => n?.type === "attribute_list")),
    ),
    text: node.text,
  };
}

/** Parses one C# source file. */
export async function parseCSharp(source: string): Promise<ParsedCSharp> {
  parser ??= csharpParser();
  const tree = (await parser).parse(source);
  if (!tree) throw new Error("tree-sitter returned no tree");
  try {
    const root = tree.rootNode;
    const syntaxErrors: string[] = [];
    errorsIn(root, syntaxErrors);
    const namespaces = root
      .descendantsOfType(["namespace_declaration", "file_scoped_namespace_declaration"])
      .map((n) => n?.childForFieldName("name")?.text ?? "");
    const classes = root.descendantsOfType("class_declaration").flatMap((n) => (n ? [describeClass(n)] : []));
    return { syntaxErrors, namespaces, classes };
  } finally {
    tree.delete();
  }
}
