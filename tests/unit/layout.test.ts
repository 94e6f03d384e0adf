/**
 * The layout rules of docs/design.md, checked on the source itself: shipped functions stay short where
 * they are read, each benchmark stays in its own readable file and uses only public entry points, and
 * test files are named by the behaviour they hold.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import * as ts from "typescript";

const ROOT = join(__dirname, "..", "..");
const MAX_FUNCTION_LINES = 60;
const MAX_BENCH_FILE_LINES = 300;

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === "node_modules" || name === "dist") continue;
    if (statSync(path).isDirectory()) out.push(...tsFiles(path));
    else if (name.endsWith(".ts") && !name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

const lineOf = (sf: ts.SourceFile, pos: number): number => sf.getLineAndCharacterOfPosition(pos).line;

/** An object or array literal with no function inside it is data, however long. */
function isData(node: ts.Node): boolean {
  if (!ts.isObjectLiteralExpression(node) && !ts.isArrayLiteralExpression(node)) return false;
  let hasCode = false;
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n)) hasCode = true;
    else ts.forEachChild(n, visit);
  };
  ts.forEachChild(node, visit);
  return !hasCode;
}

/** Lines of a function's own code: its span minus the lines of data literals inside it. */
function codeLines(sf: ts.SourceFile, fn: ts.FunctionLikeDeclaration): number {
  const span = lineOf(sf, fn.getEnd()) - lineOf(sf, fn.getStart(sf)) + 1;
  let dataLines = 0;
  const visit = (n: ts.Node): void => {
    if (n !== fn && isData(n)) {
      dataLines += lineOf(sf, n.getEnd()) - lineOf(sf, n.getStart(sf)) + 1 - 1;
      return;
    }
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(fn, visit);
  return span - dataLines;
}

function functionName(fn: ts.FunctionLikeDeclaration): string {
  if (fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  const parent = fn.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  return "(anonymous)";
}

function longFunctions(file: string): string[] {
  const sf = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n) && "body" in n && n.body) {
      const lines = codeLines(sf, n as ts.FunctionLikeDeclaration);
      if (lines > MAX_FUNCTION_LINES) {
        const at = lineOf(sf, n.getStart(sf)) + 1;
        found.push(
          `${relative(ROOT, file)}:${at} ${functionName(n as ts.FunctionLikeDeclaration)} (${lines} lines)`,
        );
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

describe("shipped code", () => {
  test.each(["provider", "emulator"])(
    `no function in %s/ is longer than ${MAX_FUNCTION_LINES} lines of code`,
    (dir) => {
      const files = tsFiles(join(ROOT, dir));
      expect(files.length).toBeGreaterThan(10);
      expect(files.flatMap(longFunctions)).toEqual([]);
    },
  );
});

describe("the bench", () => {
  const files = tsFiles(join(ROOT, "bench"));

  test(`each file is under ${MAX_BENCH_FILE_LINES} lines`, () => {
    expect(files.length).toBeGreaterThan(3);
    const long = files
      .map((f) => ({ file: relative(ROOT, f), lines: readFileSync(f, "utf8").split("\n").length }))
      .filter((f) => f.lines >= MAX_BENCH_FILE_LINES);
    expect(long).toEqual([]);
  });

  test("imports only the package's public entry points, the emulator package and the shared harness", () => {
    const allowed =
      /^(\.\.\/provider|\.\.\/provider\/runtime|\.\.\/harness\/.*|\.\.\/examples\/.*|\.\.\/scripts\/.*|\.\/.*|confluent-network-link-emulator|node:.*|@pulumi\/.*|[a-z@][^./]*.*)$/;
    const internal = files.flatMap((f) => {
      const text = readFileSync(f, "utf8");
      const specs = [...text.matchAll(/(?:from|require\()\s*"([^"]+)"/g)].map((m) => m[1]!);
      return specs
        .filter((s) => !allowed.test(s) || /^\.\.\/provider\/(?!runtime$)/.test(s))
        .map((s) => `${relative(ROOT, f)} -> ${s}`);
    });
    expect(internal).toEqual([]);
  });
});

describe("tests", () => {
  test("are named by the behaviour they hold, not by a defect number", () => {
    const files = tsFiles(join(ROOT, "tests")).map((f) => relative(ROOT, f));
    expect(files.length).toBeGreaterThan(50);
    expect(files.filter((f) => /defect/i.test(f))).toEqual([]);
    const titled = files.filter((f) =>
      /\b(describe|test|it)(\.each\([^)]*\))?\(\s*[`"'][^`"']*defect\s*\d/i.test(
        readFileSync(join(ROOT, f), "utf8"),
      ),
    );
    expect(titled).toEqual([]);
  });
});
