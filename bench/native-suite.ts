/**
 * The native provider in the benchmark run, beside the dynamic resources: the same topology as P1 (a
 * BidirectionalNetworkLink: 2 services, then 2 endpoints) as a YAML program through the CLI, the YAML
 * language host and the self-contained plugin (scripts/build-plugin.ts) installed from its tarball, on
 * an emulator of its own provisioning each object in D seconds. P1: the wall time of `up` from an empty
 * stack. P4: each native resource's share of `pulumi stack export` after the first `up`, as
 * bench/state-share.ts measures it. The plugin's size per platform, as its build measures it.
 */
import { allPlatformsBuild } from "../harness/native-plugin";
import { nativeProject, type NativeProject } from "../harness/native-project";
import type { PluginBuild } from "../harness/plugin-manifest";
import {
  fieldSizes,
  reprintMatches,
  resourceShares,
  summarize,
  type FieldSize,
  type ShareSummary,
} from "./state-share";

/** The P4 target for a native resource: its share of the export. */
export const NATIVE_STATE_TARGET_BYTES = 2048;

const TOKEN = "confluentnetworklink:index:";
export const isNativeResource = (type: string): boolean =>
  type === `${TOKEN}NetworkLinkService` || type === `${TOKEN}NetworkLinkEndpoint`;

const PROGRAM = `name: bench-native
runtime: yaml
resources:
  a-b:
    type: ${TOKEN}BidirectionalNetworkLink
    properties:
      a: { environment: { id: env-aaaaa1 }, network: { id: n-aaaaa1 } }
      b: { environment: { id: env-bbbbb1 }, network: { id: n-bbbbb1 } }
      description: managed by pulumi-confluent-network-link (examples/bidirectional)
outputs:
  ready: \${a-b.ready}
`;

export interface NativeReadyRun {
  delaySeconds: number;
  wallSeconds: number;
  error?: string;
}

export interface NativeState extends ShareSummary {
  reprintMatches: boolean;
  /** The largest native resource's fields: bytes in the printed export and as compact JSON. */
  largestUrn: string;
  breakdown: FieldSize[];
  targetBytes: number;
  targetMet: boolean;
}

export interface NativeResults {
  ready: NativeReadyRun[];
  state?: NativeState;
  /** The plugin of every platform: packed and unpacked sizes. */
  plugin?: PluginBuild;
}

function nativeState(text: string): NativeState {
  const shares = resourceShares(text, isNativeResource);
  const summary = summarize(shares);
  const largest = [...shares].sort((a, b) => b.bytes - a.bytes)[0];
  return {
    ...summary,
    reprintMatches: reprintMatches(text),
    largestUrn: largest?.urn ?? "",
    breakdown: largest ? fieldSizes(text, largest.urn) : [],
    targetBytes: NATIVE_STATE_TARGET_BYTES,
    targetMet: summary.count > 0 && summary.largest <= NATIVE_STATE_TARGET_BYTES,
  };
}

const round = (value: number) => Math.round(value * 100) / 100;

/** The native side of the run: `run(D)` times one `up` (and measures P4 the first time). */
export class NativeBench {
  readonly results: NativeResults = { ready: [] };

  private constructor(
    private readonly project: NativeProject,
    private readonly deprovisioningMs: number,
  ) {}

  /**
   * Builds the plugin of every platform (for its sizes), installs this machine's and creates the stack
   * (outside any timed part).
   */
  static async open(deprovisioningMs: number): Promise<NativeBench> {
    const plugin = await allPlatformsBuild();
    const bench = new NativeBench(
      await nativeProject({ "Pulumi.yaml": PROGRAM }, { plugin: "sea" }),
      deprovisioningMs,
    );
    bench.results.plugin = plugin;
    return bench;
  }

  async run(delaySeconds: number): Promise<NativeReadyRun> {
    const ms = delaySeconds * 1000;
    await this.project.admin.reset({ keepSeed: true });
    await this.project.admin.setDelays({
      serviceProvisioningMs: ms,
      endpointProvisioningMs: ms,
      deprovisioningMs: this.deprovisioningMs,
    });
    const t0 = performance.now();
    const up = await this.project.pulumi("up", "--yes");
    const run: NativeReadyRun = { delaySeconds, wallSeconds: round((performance.now() - t0) / 1000) };
    if (up.code !== 0) run.error = failureLine(up.stdout + up.stderr);
    this.results.ready.push(run);
    if (!run.error) this.results.state ??= nativeState(await this.project.ok("stack", "export"));
    await this.project.ok("destroy", "--yes");
    return run;
  }

  close(): Promise<void> {
    return this.project.close();
  }
}

function failureLine(output: string): string {
  const errors = output.split("\n").filter((line) => /error:/i.test(line));
  return (errors.length > 0 ? errors.slice(-3).join(" | ") : (output.trim().split("\n").pop() ?? ""))
    .trim()
    .slice(0, 600);
}
