/**
 * What a resource costs in `pulumi stack export`, measured the way P4 measures it: the CLI prints the
 * export as 4-space JSON, so a resource's share is what removing its entry takes off the export as
 * printed (exact when re-printing the parsed export gives the CLI's bytes, which `reprintMatches` says).
 */

export type ExportedEntry = { urn: string; type: string; [key: string]: unknown };
interface ExportShape {
  deployment: { resources?: ExportedEntry[]; [key: string]: unknown };
  [key: string]: unknown;
}

/** The engine's record of the call stack that registered a resource, not written by any provider. */
export const TRACE_KEYS = ["stackTrace", "sourcePosition"] as const;

const printed = (value: unknown) => Buffer.byteLength(JSON.stringify(value, null, 4) + "\n");
const compact = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

export interface ResourceShare {
  urn: string;
  type: string;
  /** The resource's share of the export as printed. */
  bytes: number;
  /** The same with the engine's stackTrace/sourcePosition left out of every entry. */
  bytesWithoutTrace: number;
  /** What the provider writes: inputs and outputs as compact JSON. */
  inputsOutputsCompact: number;
  /** The whole entry as compact JSON. */
  entryCompact: number;
}

export interface ShareSummary {
  count: number;
  largest: number;
  mean: number;
  largestWithoutTrace: number;
  largestInputsOutputsCompact: number;
  largestEntryCompact: number;
}

function withResources(state: ExportShape, resources: ExportedEntry[]): ExportShape {
  return { ...state, deployment: { ...state.deployment, resources } };
}

function sharesOf(state: ExportShape, resources: ExportedEntry[], picked: ExportedEntry[]): number[] {
  const whole = printed(withResources(state, resources));
  return picked.map(
    (r) =>
      whole -
      printed(
        withResources(
          state,
          resources.filter((x) => x !== r),
        ),
      ),
  );
}

function withoutTrace(entry: ExportedEntry): ExportedEntry {
  const copy = { ...entry };
  for (const key of TRACE_KEYS) delete copy[key];
  return copy;
}

/** Every resource of the export that `matches`, with its share and the sizes beside it. */
export function resourceShares(text: string, matches: (type: string) => boolean): ResourceShare[] {
  const state = JSON.parse(text) as ExportShape;
  const resources = state.deployment.resources ?? [];
  const picked = resources.filter((r) => matches(r.type));
  const bytes = sharesOf(state, resources, picked);
  const untraced = resources.map(withoutTrace);
  const bytesWithoutTrace = sharesOf(
    state,
    untraced,
    picked.map((r) => untraced[resources.indexOf(r)]),
  );
  return picked.map((r, i) => ({
    urn: r.urn,
    type: r.type,
    bytes: bytes[i],
    bytesWithoutTrace: bytesWithoutTrace[i],
    inputsOutputsCompact: compact({ inputs: r.inputs, outputs: r.outputs }),
    entryCompact: compact(r),
  }));
}

export function summarize(shares: ResourceShare[]): ShareSummary {
  const max = (pick: (s: ResourceShare) => number) => Math.max(0, ...shares.map(pick));
  const total = shares.reduce((sum, s) => sum + s.bytes, 0);
  return {
    count: shares.length,
    largest: max((s) => s.bytes),
    mean: shares.length > 0 ? Math.round(total / shares.length) : 0,
    largestWithoutTrace: max((s) => s.bytesWithoutTrace),
    largestInputsOutputsCompact: max((s) => s.inputsOutputsCompact),
    largestEntryCompact: max((s) => s.entryCompact),
  };
}

/** Whether re-printing the parsed export gives the CLI's bytes (then the shares are exact). */
export function reprintMatches(text: string): boolean {
  return printed(JSON.parse(text)) === Buffer.byteLength(text);
}

export interface FieldSize {
  field: string;
  /** What removing the field from the entry takes off the export as printed. */
  printed: number;
  /** The field's value as compact JSON. */
  compact: number;
}

/** A resource's top-level fields, each with its bytes in the printed export and as compact JSON. */
export function fieldSizes(text: string, urn: string): FieldSize[] {
  const state = JSON.parse(text) as ExportShape;
  const resources = state.deployment.resources ?? [];
  const entry = resources.find((r) => r.urn === urn);
  if (!entry) throw new Error(`no resource ${urn} in the export`);
  const whole = printed(state);
  return Object.entries(entry).map(([field, value]) => {
    const { [field]: _dropped, ...rest } = entry;
    const others = resources.map((r) => (r === entry ? (rest as ExportedEntry) : r));
    return { field, printed: whole - printed(withResources(state, others)), compact: compact(value) };
  });
}
