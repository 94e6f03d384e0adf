/**
 * The benchmark's native part (bench/native-suite.ts, bench/native-report.ts) on the real CLI, plugin
 * and emulator at D = 0.2 s: P1 and P4 are measured, the 2 KB target is judged from the numbers, and
 * the share of the export is what removing an entry takes off the printed export. No timing assertion.
 */
import { renderNative } from "../../bench/native-report";
import { NativeBench, NATIVE_STATE_TARGET_BYTES } from "../../bench/native-suite";
import { fieldSizes, resourceShares } from "../../bench/state-share";
import { QUICK_SIZES, type SuiteResults } from "../../bench/suite";

const printed = (value: unknown) => JSON.stringify(value, null, 4) + "\n";

describe("state share of the export", () => {
  const entry = (name: string, extra: Record<string, unknown>) => ({
    urn: `urn:pulumi:dev::p::t::${name}`,
    type: "t",
    inputs: { a: name },
    ...extra,
  });
  const state = {
    version: 3,
    deployment: {
      resources: [
        entry("one", { stackTrace: [{ sourcePosition: "project:///x.js#1,2" }, {}] }),
        entry("two", {}),
      ],
    },
  };
  const text = printed(state);

  it("is what removing the entry takes off the printed export", () => {
    const [one] = resourceShares(text, () => true);
    const without = printed({ ...state, deployment: { resources: [state.deployment.resources[1]] } });
    expect(one.bytes).toBe(Buffer.byteLength(text) - Buffer.byteLength(without));
    expect(one.bytesWithoutTrace).toBeLessThan(one.bytes);
    expect(one.inputsOutputsCompact).toBe(Buffer.byteLength(JSON.stringify({ inputs: { a: "one" } })));
  });

  it("splits an entry field by field", () => {
    const fields = fieldSizes(text, "urn:pulumi:dev::p::t::one");
    expect(fields.map((f) => f.field)).toEqual(["urn", "type", "inputs", "stackTrace"]);
    const trace = fields.find((f) => f.field === "stackTrace");
    expect(trace?.compact).toBe(
      Buffer.byteLength(JSON.stringify([{ sourcePosition: "project:///x.js#1,2" }, {}])),
    );
    expect(trace?.printed).toBeGreaterThan(trace?.compact ?? 0);
  });
});

describe("the benchmark's native part", () => {
  let bench: NativeBench;
  beforeAll(async () => {
    bench = await NativeBench.open(100);
  });
  afterAll(async () => bench?.close());

  it("times an up, measures each native resource's share and judges the 2 KB target", async () => {
    const run = await bench.run(0.2);
    expect(run.error).toBeUndefined();
    const state = bench.results.state;
    expect(state).toBeDefined();
    if (!state) return;
    expect(state.count).toBe(4);
    expect(state.reprintMatches).toBe(true);
    expect(state.largest).toBeGreaterThanOrEqual(state.mean);
    expect(state.largestWithoutTrace).toBeLessThan(state.largest);
    expect(state.targetMet).toBe(state.largest <= NATIVE_STATE_TARGET_BYTES);
    expect(state.breakdown.map((f) => f.field)).toEqual(expect.arrayContaining(["inputs", "outputs", "urn"]));

    const results = {
      sizes: QUICK_SIZES,
      ready: [{ schedule: "ours", delaySeconds: 0.2, wallSeconds: 2 }],
      native: bench.results,
    } as unknown as SuiteResults;
    const markdown = renderNative(results).join("\n");
    expect(markdown).toContain(`| 0.2 | 0.4 | 2 | ${run.wallSeconds} |`);
    expect(markdown).toContain(
      `| Native (service, endpoint; children of the component) | ${state.largest} | ${state.mean} |`,
    );
    expect(markdown).toContain(state.targetMet ? "**met**" : "**missed**");
  });
});
