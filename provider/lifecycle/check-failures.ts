// Turns a schema's verdict on the inputs into the `{ property, reason }` failures the engine shows.

import { z } from "zod";
import { isUnknown } from "./property-values";

export interface CheckFailure {
  property: string;
  reason: string;
}

// What the program passes as outputs-to-be (undefined) next to the inputs; never an input error.
const OUTPUT_PROPERTIES = ["resourceName", "phase", "errorCode", "errorMessage"];

/** Checks inputs with a schema, ignoring what it says about values that are not known yet. */
export function checkInputs<T>(
  schema: z.ZodType<T>,
  typeName: string,
  news: Record<string, unknown>,
): { inputs: T; failures?: undefined } | { inputs?: undefined; failures: CheckFailure[] } {
  const given = Object.fromEntries(
    Object.entries(news).filter(([key, value]) => !(OUTPUT_PROPERTIES.includes(key) && value === undefined)),
  );
  const parsed = schema.safeParse(given);
  if (parsed.success) return { inputs: { ...given, ...parsed.data } as T };
  const known = parsed.error.issues.filter(
    (issue) => countsItems(issue) || !pathTouchesUnknown(given, issue.path),
  );
  if (known.length === 0) return { inputs: given as T };
  return { failures: known.flatMap((issue) => toFailures(issue, schema, typeName)) };
}

/** A list's length is known at preview even while some of its items are not. */
function countsItems(issue: z.core.$ZodIssue): boolean {
  return issue.code === "too_big" && issue.origin === "array";
}

function pathTouchesUnknown(value: unknown, path: readonly PropertyKey[]): boolean {
  let current = value;
  for (const key of path) {
    if (isUnknown(current)) return true;
    if (current === null || typeof current !== "object") return false;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  if (isUnknown(current)) return true;
  // A uniqueness or cross-field rule about a list or object holding an unknown value cannot be decided yet.
  return current !== null && typeof current === "object" && Object.values(current).some(isUnknown);
}

function pathText(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join("");
}

/**
 * The engine renders a failure as "property <p> value <v> has a problem": it finds the value only
 * for a top-level property, so that is what we name; the reason starts with the full path.
 */
function toFailures(issue: z.core.$ZodIssue, schema: z.ZodType, typeName: string): CheckFailure[] {
  if (issue.code === "unrecognized_keys") {
    const known = knownKeysAt(schema, issue.path);
    return issue.keys.map((key) => {
      const path = [...issue.path, key];
      const owner = issue.path.length === 0 ? ` of ${typeName}` : "";
      return {
        property: String(path[0]),
        reason: `${pathText(path)} is not a property${owner}; ${suggestion(key, known)}`,
      };
    });
  }
  const full = pathText(issue.path);
  return [
    { property: full ? String(issue.path[0]) : "(inputs)", reason: `${full || "inputs"} ${issue.message}` },
  ];
}

function suggestion(key: string, known: string[]): string {
  const ranked = known
    .map((name) => ({ name, distance: editDistance(key.toLowerCase(), name.toLowerCase()) }))
    .sort((a, b) => a.distance - b.distance);
  const best = ranked[0];
  if (best && best.distance <= Math.max(2, Math.floor(best.name.length / 3)))
    return `did you mean '${best.name}'?`;
  return `the properties are ${known.join(", ")}`;
}

/** The property names a schema accepts at `path` (through optional wrappers, arrays and objects). */
function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: unknown = schema;
  for (const key of path) {
    current = unwrap(current);
    const def = (current as { def?: { type?: string; element?: unknown; shape?: Record<string, unknown> } })
      .def;
    current = typeof key === "number" ? def?.element : def?.shape?.[String(key)];
  }
  const shape = (unwrap(current) as { def?: { shape?: Record<string, unknown> } } | undefined)?.def?.shape;
  return shape ? Object.keys(shape) : [];
}

function unwrap(schema: unknown): unknown {
  let current = schema as { def?: { type?: string; innerType?: unknown } } | undefined;
  while (current?.def && ["optional", "nullable", "default"].includes(current.def.type ?? "")) {
    current = current.def.innerType as typeof current;
  }
  return current;
}

/** Levenshtein distance: how many single-character edits turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length];
}
