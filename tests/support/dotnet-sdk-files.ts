import * as fs from "node:fs";
import * as path from "node:path";
import { parseCSharp, type CSharpClass, type ParsedCSharp } from "./csharp-syntax";

// The generated .NET SDK's files (sdk/dotnet), parsed once per test file, and what its classes declare.

export const sdkDir = path.join(__dirname, "../../sdk/dotnet");

export const readSdkFile = (file: string): string => fs.readFileSync(path.join(sdkDir, file), "utf8");

/** The .cs files, relative to sdk/dotnet. */
export function csFiles(dir = sdkDir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return csFiles(full);
    return entry.name.endsWith(".cs") ? [path.relative(sdkDir, full)] : [];
  });
}

const parsedFiles = new Map<string, Promise<ParsedCSharp>>();
export function parsedSdkFile(file: string): Promise<ParsedCSharp> {
  if (!parsedFiles.has(file)) parsedFiles.set(file, parseCSharp(readSdkFile(file)));
  return parsedFiles.get(file)!;
}

export async function classIn(file: string, name: string): Promise<CSharpClass> {
  const found = (await parsedSdkFile(file)).classes.find((c) => c.name === name);
  if (!found) throw new Error(`${file} declares no class ${name}`);
  return found;
}

/** Every class of the SDK by name. */
export async function sdkClasses(): Promise<Map<string, CSharpClass>> {
  const classes = new Map<string, CSharpClass>();
  for (const file of csFiles())
    for (const cls of (await parsedSdkFile(file)).classes) classes.set(cls.name, cls);
  return classes;
}

/** `Input("name")` / `Input("name", required: true)` attributes of a class: name → required. */
export function inputsOf(cls: CSharpClass): Record<string, boolean> {
  const inputs: Record<string, boolean> = {};
  for (const attribute of cls.memberAttributes) {
    const match = /^Input\("([^"]+)"(, required: true)?\)$/.exec(attribute);
    if (match) inputs[match[1]] = match[2] !== undefined;
  }
  return inputs;
}

/** The names in the `Output("name")` attributes of a class, sorted. */
export const outputsOf = (cls: CSharpClass): string[] =>
  cls.memberAttributes.flatMap((a) => /^Output\("([^"]+)"\)$/.exec(a)?.[1] ?? []).sort();

/** The C# name of a schema property. */
export const pascal = (name: string): string => name[0].toUpperCase() + name.slice(1);
