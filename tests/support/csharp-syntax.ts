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

/** `new Type(...) { Member = ..., ... }`: the type as written and the members assigned. */
export interface ObjectCreation {
  type: string;
  members: string[];
}

export interface ParsedCSharp {
  /** Where the parser found an error or had to assume a missing token: `line:column kind`. */
  syntaxErrors: string[];
  namespaces: string[];
  classes: CSharpClass[];
  creations: ObjectCreation[];
  /** `var name = new Type(...)`: name → Type as written. */
  variableTypes: Record<string, string>;
  /** `target.Name` where target is a plain identifier. */
  memberAccesses: { target: string; name: string }[];
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

function describeCreation(node: Node): ObjectCreation {
  const initializer = node.childForFieldName("initializer");
  const assignments = initializer?.namedChildren.filter((n) => n?.type === "assignment_expression") ?? [];
  return {
    type: node.childForFieldName("type")?.text ?? "",
    members: assignments.map((n) => n?.childForFieldName("left")?.text ?? ""),
  };
}

function variableTypes(root: Node): Record<string, string> {
  const types: Record<string, string> = {};
  for (const declarator of root.descendantsOfType("variable_declarator")) {
    const value = declarator?.namedChildren.find((n) => n?.type === "object_creation_expression");
    const name = declarator?.childForFieldName("name")?.text;
    if (name && value) types[name] = value.childForFieldName("type")?.text ?? "";
  }
  return types;
}

function memberAccesses(root: Node): { target: string; name: string }[] {
  return root.descendantsOfType("member_access_expression").flatMap((n) => {
    const target = n?.childForFieldName("expression");
    const name = n?.childForFieldName("name")?.text;
    return target?.type === "identifier" && name ? [{ target: target.text, name }] : [];
  });
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
    const creations = root
      .descendantsOfType("object_creation_expression")
      .flatMap((n) => (n ? [describeCreation(n)] : []));
    return {
      syntaxErrors,
      namespaces,
      classes,
      creations,
      variableTypes: variableTypes(root),
      memberAccesses: memberAccesses(root),
    };
  } finally {
    tree.delete();
  }
}
