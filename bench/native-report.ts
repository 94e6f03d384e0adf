/**
 * The native provider's part of bench/RESULTS.md: P1 beside the dynamic resources' `up` at the same D,
 * and P4 (each native resource's share of the export, against the 2 KB target), from the same run.
 */
import type { PluginBuild } from "../harness/plugin-manifest";
import type { NativeState } from "./native-suite";
import type { ShareSummary } from "./state-share";
import type { SuiteResults } from "./results";

const yes = (met: boolean | undefined) => (met === undefined ? "–" : met ? "**met**" : "**missed**");
const n = (value: number | undefined, digits = 2) =>
  value === undefined || !Number.isFinite(value) ? "–" : String(Number(value.toFixed(digits)));

function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** Pairs each native `up` with the dynamic one (our schedule) at the same D. */
function readyPairs(results: SuiteResults): (string | number)[][] {
  return (results.native?.ready ?? []).map((native) => {
    const dynamic = results.ready.find(
      (r) => r.schedule === "ours" && r.delaySeconds === native.delaySeconds,
    );
    const ratio = dynamic && !native.error ? native.wallSeconds / dynamic.wallSeconds : undefined;
    return [
      n(native.delaySeconds),
      n(2 * native.delaySeconds),
      n(dynamic?.wallSeconds),
      native.error ? `failed: ${native.error.replace(/\|/g, "\\|")}` : n(native.wallSeconds),
      n(ratio),
    ];
  });
}

const shareRow = (label: string, s: ShareSummary): (string | number)[] => [
  label,
  s.largest,
  s.mean,
  s.largestWithoutTrace,
  s.largestInputsOutputsCompact,
  s.largestEntryCompact,
  s.count,
];

/** The summary table's native rows. */
export function nativeSummaryRows(results: SuiteResults): string[][] {
  const state = results.native?.state;
  if (!state) return [];
  return [
    [
      "P4 native state size",
      `≤ 2 KB (${state.targetBytes} B) per native resource, share of the export`,
      `largest resource ${state.largest} B (mean ${state.mean} B; ${state.largestWithoutTrace} B without the engine's call-stack record)`,
      yes(state.targetMet),
    ],
  ];
}

function stateSection(state: NativeState, dynamic: ShareSummary | undefined): string[] {
  const header = [
    "State per resource",
    "Largest share of the export (B)",
    "Mean share (B)",
    "Largest share without stackTrace/sourcePosition (B)",
    "Largest inputs + outputs, compact JSON (B)",
    "Largest entry, compact JSON (B)",
    "Resources",
  ];
  const rows = [
    ...(dynamic ? [shareRow("Dynamic (service, endpoint)", dynamic)] : []),
    shareRow("Native (service, endpoint; children of the component)", state),
  ];
  return [
    table(header, rows),
    "",
    `Where the largest native resource's bytes go (\`${state.largestUrn.split("::").pop()}\`): each top-level field, ` +
      "as what removing it takes off the printed export, and as compact JSON.",
    "",
    table(
      ["Field", "Printed (B)", "Compact (B)"],
      state.breakdown.map((f) => [`\`${f.field}\``, f.printed, f.compact]),
    ),
    "",
    `Target ≤ 2 KB (${state.targetBytes} bytes) per native resource, as its share of the export: ${yes(state.targetMet)} ` +
      `(${state.largest} bytes for the largest${state.reprintMatches ? "" : "; the re-printed export differs slightly from the CLI's, so the shares are approximate"}). ` +
      "`stackTrace`/`sourcePosition` are the engine's record of the call stack that registered the resource " +
      "(for these children, the provider's `construct`); `urn`, `parent`, `provider`, `dependencies`, " +
      "`propertyDependencies` and the timestamps are the engine's too. What the provider writes is `inputs` and `outputs`.",
    "",
  ];
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

/** The plugin's release assets, as scripts/build-plugin.ts measured them in this run. */
function pluginSizeSection(plugin: PluginBuild): string[] {
  return [
    `The plugin, one self-contained executable per platform (the provider bundled into a Node.js ${plugin.nodeVersion} ` +
      `single executable application; the bundled provider alone is ${mb(plugin.bundleBytes)} MB), as released:`,
    "",
    table(
      ["Platform", "Asset, packed (MB)", "Executable, unpacked (MB)"],
      plugin.assets.map((a) => [
        `${a.platform}${a.signed === false ? " (not signed: built off macOS)" : ""}`,
        mb(a.packedBytes),
        mb(a.unpackedBytes),
      ]),
    ),
    "",
  ];
}

/** The section itself (empty when the run had no native part). */
export function renderNative(results: SuiteResults): string[] {
  const native = results.native;
  if (!native || native.ready.length === 0) return [];
  const out = [
    "## Native provider beside the dynamic resources (P1, P4)",
    "",
    "The same topology as P1 (a BidirectionalNetworkLink: 2 services, then 2 endpoints) as a YAML program through the " +
      "CLI, the YAML language host and the self-contained plugin installed from its tarball (the component is built by the provider's " +
      "`construct`), on an emulator of its own provisioning each object in D seconds. Its `up` runs after the dynamic " +
      "runs of the same D, from an empty stack; the native provider polls on its default schedule" +
      (results.sizes.quick
        ? " (the dynamic one here on the quick schedule, so the ratio says nothing in this mode)."
        : ", the same as ours."),
    "",
    table(
      ["D (s)", "Floor 2·D (s)", "Dynamic, wall of up (s)", "Native, wall of up (s)", "Native ÷ dynamic"],
      readyPairs(results),
    ),
    "",
  ];
  if (native.plugin) out.push(...pluginSizeSection(native.plugin));
  if (native.state) out.push(...stateSection(native.state, results.state?.shares));
  return out;
}
