/**
 * P4, state size: `pulumi stack export` of the P1 lifecycle stack after its `up`, and each dynamic
 * resource's share of it (what removing its entry takes off the export as the CLI prints it).
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { offlineEnv } from "../harness/offline";
import type { TestStack } from "../harness/stack";
import { table, yes } from "./markdown";
import { resourceShares, summarize } from "./state-share";
import type { StateSize, SuiteResults, SuiteRun } from "./results";

/** `pulumi stack export` (no --show-secrets) exactly as the CLI prints it. */
function exportText(stack: TestStack, binDir: string): string {
  const env = offlineEnv({
    backendDir: stack.backendDir,
    binDir,
    homeDir: path.join(path.dirname(stack.workDir), "home"),
  });
  return execFileSync(
    path.join(binDir, "pulumi"),
    ["stack", "export", "--stack", stack.stackName, "--non-interactive"],
    { cwd: stack.workDir, env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 },
  );
}

function stateSize(text: string): StateSize {
  const state = JSON.parse(text) as {
    deployment: { resources?: { type: string; [key: string]: unknown }[] };
  };
  const resources = state.deployment.resources ?? [];
  const dynamic = resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic"));
  // The CLI prints the export as 4-space JSON; when re-printing it the same way gives the same bytes,
  // a resource's share of the export is exactly what removing it takes away.
  const print = (value: unknown) => Buffer.byteLength(JSON.stringify(value, null, 4) + "\n");
  const exportBytes = Buffer.byteLength(text);
  const reprintMatches = print(state) === exportBytes;
  const without = (drop: unknown[]) => ({
    ...state,
    deployment: { ...state.deployment, resources: resources.filter((r) => !drop.includes(r)) },
  });
  const sizes = dynamic.map((r) => print(state) - print(without([r])));
  const providerBytes = dynamic.map((r) =>
    Buffer.byteLength(JSON.stringify((r.inputs as Record<string, unknown> | undefined)?.__provider ?? "")),
  );
  const largest = dynamic[sizes.indexOf(Math.max(...sizes))];
  const breakdown: Record<string, number> = {};
  for (const [key, value] of Object.entries(largest ?? {})) {
    if ((key === "inputs" || key === "outputs") && value && typeof value === "object") {
      const { __provider, ...rest } = value as Record<string, unknown>;
      breakdown[key] = Buffer.byteLength(JSON.stringify(rest));
      if (__provider !== undefined)
        breakdown[`${key}.__provider`] = Buffer.byteLength(JSON.stringify(__provider));
    } else {
      breakdown[key] = Buffer.byteLength(JSON.stringify(value));
    }
  }
  const largestBytes = Math.max(0, ...sizes);
  return {
    resources: resources.length,
    dynamicResources: dynamic.length,
    exportBytes,
    reprintMatches,
    fixedBytes: print(without(dynamic)),
    bytesPerDynamicResource: dynamic.length > 0 ? Math.round(exportBytes / dynamic.length) : 0,
    bytesPerResourceAll: resources.length > 0 ? Math.round(exportBytes / resources.length) : 0,
    largestDynamicResourceBytes: largestBytes,
    meanDynamicResourceBytes:
      dynamic.length > 0 ? Math.round(sizes.reduce((a, b) => a + b, 0) / dynamic.length) : 0,
    serializedProviderBytes: Math.max(0, ...providerBytes),
    breakdown,
    targetMet: dynamic.length > 0 && largestBytes <= 8 * 1024,
    shares: summarize(resourceShares(text, (type) => type.startsWith("pulumi-nodejs:dynamic"))),
  };
}

/** P4 from the stack as it is now (after the lifecycle run's up and refresh). */
export function measureState(run: SuiteRun, stack: TestStack): void {
  const state = stateSize(exportText(stack, run.cliBinDir));
  run.results.state = state;
  run.log(
    `P4 state: largest dynamic resource ${state.largestDynamicResourceBytes} bytes of the export ` +
      `(${state.exportBytes} bytes in all, ${state.dynamicResources} dynamic of ${state.resources}, ` +
      `${state.fixedBytes} without them; reprint ${state.reprintMatches ? "exact" : "approximate"})`,
  );
}

export function p4SummaryRows(results: SuiteResults): string[][] {
  if (!results.state) return [];
  return [
    [
      "P4 state size",
      "≤ 8 KB (8192 B) per resource",
      `largest resource ${results.state.largestDynamicResourceBytes} B of the export (mean ${results.state.meanDynamicResourceBytes} B)`,
      yes(results.state.targetMet),
    ],
  ];
}

export function renderP4(results: SuiteResults): string[] {
  const out: string[] = [];
  // P4.
  if (results.state) {
    const s = results.state;
    out.push(
      "## P4: state size",
      "",
      `\`pulumi stack export\` (without --show-secrets, exactly as the CLI prints it) of the P1 lifecycle stack after its ` +
        `\`up\`: ${s.exportBytes} bytes for ${s.resources} resources, ${s.dynamicResources} of them dynamic (the 2 services ` +
        "and 2 endpoints, each with its serialized provider); the others are the stack, the component and the default " +
        "provider, whose inputs hold the stack config. A resource's share is what removing its entry takes off the " +
        `export as printed (re-printing the parsed export ${s.reprintMatches ? "gives the CLI's bytes exactly" : "differs slightly from the CLI's bytes, so the shares are approximate"}).`,
      "",
      table(
        ["Measure", "Bytes"],
        [
          [
            "Largest dynamic resource's share of the export (the target's measure)",
            s.largestDynamicResourceBytes,
          ],
          ["Mean dynamic resource's share", s.meanDynamicResourceBytes],
          ["… its serialized provider (`__provider`, one copy)", s.serializedProviderBytes],
          ...Object.entries(s.breakdown).map(([key, bytes]) => [`… \`${key}\` (compact JSON)`, bytes]),
          ["Fixed part: the export without the dynamic resources", s.fixedBytes],
          ["Whole export ÷ dynamic resources (fixed part spread over 4)", s.bytesPerDynamicResource],
          ["Whole export ÷ all resources", s.bytesPerResourceAll],
        ],
      ),
      "",
      `Target ≤ 8 KB (8192 bytes) per resource, serialized provider included: ${yes(s.targetMet)} ` +
        `(${s.largestDynamicResourceBytes} bytes for the largest).`,
      "",
    );
  }
  return out;
}
