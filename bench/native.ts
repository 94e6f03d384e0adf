// Native provider beside the dynamic resources, in one run, for the same scenario as P1/P4: `pulumi up`
// of a BidirectionalNetworkLink (2 services, then 2 endpoints) from an empty stack, the emulator
// provisioning each object in D seconds, the default poll schedule on both sides. Dynamic: the
// examples/bidirectional program through the Automation API (as bench/suite.ts runs it). Native: the
// same topology as a YAML program through the CLI, the plugin installed from its tarball. Runs
// alternate per D so that load drift hits both. State: each resource's share of `pulumi stack export`
// (what removing its entry takes off the export as printed), as P4 measures it.
//
// Usage: npx tsx bench/native.ts [D seconds, comma-separated; default 2,5]. Prints a Markdown section.
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { DEFAULT_CREDENTIALS } from "../emulator";
import { nativeProject } from "../harness/native-project";
import { ensurePulumiCli, offlineEnv } from "../harness/offline";
import { createTestStack, type TestStack } from "../harness/stack";
import bidirectional = require("../examples/bidirectional");

const YAML = `name: bench-native
runtime: yaml
resources:
  a-b:
    type: confluentnetworklink:index:BidirectionalNetworkLink
    properties:
      a: { environment: { id: env-aaaaa1 }, network: { id: n-aaaaa1 } }
      b: { environment: { id: env-bbbbb1 }, network: { id: n-bbbbb1 } }
      description: managed by pulumi-confluent-network-link (examples/bidirectional)
outputs:
  ready: \${a-b.ready}
`;

interface Sizes {
  largest: number;
  mean: number;
  count: number;
  /** The same, with the engine's record of the program's call stack (stackTrace, sourcePosition) left out. */
  largestWithoutTrace: number;
  /** What the provider writes: the largest resource's inputs and outputs, as compact JSON. */
  largestInputsOutputs: number;
}

type Resource = { type: string; [key: string]: unknown };

/** Each resource's share of the export whose type matches, as bench/suite.ts measures P4. */
function shares(text: string, matches: (type: string) => boolean): Sizes {
  const state = JSON.parse(text) as { deployment: { resources: Resource[] } };
  const print = (value: unknown) => Buffer.byteLength(JSON.stringify(value, null, 4) + "\n");
  const sizesOf = (resources: Resource[]) => {
    const all = { ...state, deployment: { ...state.deployment, resources } };
    const without = (r: unknown) => ({
      ...state,
      deployment: { ...state.deployment, resources: resources.filter((x) => x !== r) },
    });
    return resources.filter((r) => matches(r.type)).map((r) => print(all) - print(without(r)));
  };
  const sizes = sizesOf(state.deployment.resources);
  const untraced = sizesOf(
    state.deployment.resources.map(({ stackTrace: _t, sourcePosition: _p, ...rest }) => rest as Resource),
  );
  const mean = Math.round(sizes.reduce((a, b) => a + b, 0) / Math.max(1, sizes.length));
  const data = state.deployment.resources
    .filter((r) => matches(r.type))
    .map((r) => Buffer.byteLength(JSON.stringify({ inputs: r.inputs, outputs: r.outputs })));
  return {
    largest: Math.max(0, ...sizes),
    mean,
    count: sizes.length,
    largestWithoutTrace: Math.max(0, ...untraced),
    largestInputsOutputs: Math.max(0, ...data),
  };
}

function dynamicExport(stack: TestStack, binDir: string): string {
  const env = offlineEnv({
    backendDir: stack.backendDir,
    binDir,
    homeDir: path.join(path.dirname(stack.workDir), "home"),
  });
  return execFileSync(
    path.join(binDir, "pulumi"),
    ["stack", "export", "--stack", stack.stackName, "--non-interactive"],
    {
      cwd: stack.workDir,
      env: { ...process.env, ...env },
      encoding: "utf8",
    },
  );
}

const seconds = (t0: number) => Math.round((performance.now() - t0) / 10) / 100;

async function main(delays: number[]): Promise<void> {
  const native = await nativeProject({ "Pulumi.yaml": YAML });
  const { binDir } = await ensurePulumiCli();
  const rows: string[] = [];
  let nativeState: Sizes | undefined;
  let dynamicState: Sizes | undefined;
  try {
    for (const d of delays) {
      const ms = d * 1000;
      await native.admin.setDelays({
        serviceProvisioningMs: ms,
        endpointProvisioningMs: ms,
        deprovisioningMs: 200,
      });
      // Dynamic first, then native, each from an empty stack on the same emulator.
      const stack = await createTestStack({
        program: bidirectional,
        config: { "confluentcloud:endpoint": native.emulator.url },
        secretConfig: {
          "confluentcloud:cloudApiKey": DEFAULT_CREDENTIALS.key,
          "confluentcloud:cloudApiSecret": DEFAULT_CREDENTIALS.secret,
        },
      });
      let t0 = performance.now();
      await stack.up();
      const dynamicWall = seconds(t0);
      dynamicState ??= shares(dynamicExport(stack, binDir), (t) => t.startsWith("pulumi-nodejs:dynamic"));
      await stack.destroy();
      await stack.dispose();

      t0 = performance.now();
      await native.ok("up", "--yes");
      const nativeWall = seconds(t0);
      nativeState ??= shares(await native.ok("stack", "export"), (t) =>
        /^confluentnetworklink:index:NetworkLink(Service|Endpoint)$/.test(t),
      );
      await native.ok("destroy", "--yes");
      rows.push(
        `| ${d} | ${2 * d} | ${dynamicWall} | ${nativeWall} | ${Math.round((nativeWall / dynamicWall) * 100) / 100} |`,
      );
      console.error(`D=${d}: dynamic ${dynamicWall} s, native ${nativeWall} s`);
    }
  } finally {
    await native.close();
  }
  const n = nativeState as Sizes;
  const dy = dynamicState as Sizes;
  console.log(
    [
      "| D (s) | Floor 2·D (s) | Dynamic, wall of up (s) | Native, wall of up (s) | Native ÷ dynamic |",
      "| --- | --- | --- | --- | --- |",
      ...rows,
      "",
      "| State per resource (share of the export) | Largest (B) | Mean (B) | Largest without the engine's stackTrace/sourcePosition (B) | Largest inputs + outputs, compact JSON (B) | Resources |",
      "| --- | --- | --- | --- | --- | --- |",
      `| Dynamic (service, endpoint) | ${dy.largest} | ${dy.mean} | ${dy.largestWithoutTrace} | ${dy.largestInputsOutputs} | ${dy.count} |`,
      `| Native (service, endpoint) | ${n.largest} | ${n.mean} | ${n.largestWithoutTrace} | ${n.largestInputsOutputs} | ${n.count} |`,
    ].join("\n"),
  );
}

const delays = (process.argv[2] ?? "2,5").split(",").map(Number);
main(delays).catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
