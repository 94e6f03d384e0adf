/**
 * GET throughput of the emulator: the CLI runs in a child process, autocannon drives it from this
 * one, so client and server do not share an event loop. Prints its figures; writes no files.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import autocannon from "autocannon";

export interface ThroughputResult {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
}

const ROOT = path.resolve(__dirname, "..");
const AUTH = `Basic ${Buffer.from("EMULATOR_KEY:emulator-secret").toString("base64")}`;

function startCli(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [
      path.join(ROOT, "node_modules/tsx/dist/cli.mjs"),
      "emulator/cli/main.ts",
      "--port",
      "0",
      "--service-delay-ms",
      "0",
      "--endpoint-delay-ms",
      "0",
    ],
    { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] },
  );
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      // The CLI's ready line: one JSON object on stdout.
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line && out.includes("\n")) resolve({ child, url: (JSON.parse(line) as { url: string }).url });
    });
    child.on("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
  });
}

async function post(url: string, body: unknown): Promise<{ id: string }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { authorization: AUTH, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (response.status !== 202) throw new Error(`seeding: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string };
}

/** Seeds a service with an endpoint, then GETs the service for `durationSeconds`. */
export async function runEmulatorThroughput({ durationSeconds = 5 } = {}): Promise<ThroughputResult> {
  const { child, url } = await startCli();
  try {
    const nls = await post(`${url}/networking/v1/network-link-services`, {
      spec: {
        environment: { id: "env-aaaaa1" },
        network: { id: "n-aaaaa1" },
        display_name: "bench",
        accept: { environments: ["env-bbbbb1"], networks: [] },
      },
    });
    await post(`${url}/networking/v1/network-link-endpoints`, {
      spec: {
        environment: { id: "env-bbbbb1" },
        network: { id: "n-bbbbb1" },
        network_link_service: { id: nls.id },
      },
    });
    const result = await autocannon({
      url: `${url}/networking/v1/network-link-services/${nls.id}?environment=env-aaaaa1`,
      headers: { authorization: AUTH },
      connections: 32,
      duration: durationSeconds,
    });
    if (result.non2xx > 0 || result.errors > 0) {
      throw new Error(`benchmark saw ${result.non2xx} non-2xx answers and ${result.errors} errors`);
    }
    return {
      requestsPerSecond: Math.round(result.requests.total / durationSeconds),
      latencyP50Ms: result.latency.p50,
      latencyP99Ms: result.latency.p99,
    };
  } finally {
    child.kill("SIGTERM");
  }
}

if (require.main === module) {
  runEmulatorThroughput({ durationSeconds: Number(process.env.BENCH_SECONDS ?? 5) }).then(
    (r) => {
      console.log(`emulator GET throughput: ${r.requestsPerSecond} requests/s`);
      console.log(`latency p50 ${r.latencyP50Ms} ms, p99 ${r.latencyP99Ms} ms`);
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
