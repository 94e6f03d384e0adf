#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { DEFAULT_CREDENTIALS, type EmulatorOptions } from "./app";
import { startEmulator } from "./server";
import type { Delays, SeedInput } from "./store/types";

const USAGE = `Usage: confluent-network-emulator [options]
  --port <n>                      port to listen on (default 8080; 0 picks a free port)
  --host <host>                   interface to bind (default 127.0.0.1)
  --api-key <key>                 Cloud API key accepted (default ${DEFAULT_CREDENTIALS.key})
  --api-secret <secret>           its secret (default ${DEFAULT_CREDENTIALS.secret})
  --seed <file.json>              environments and networks to seed (default: two of each kind)
  --service-delay-ms <ms>         network link service PROVISIONING time
  --endpoint-delay-ms <ms>        network link endpoint PROVISIONING time
  --deprovision-delay-ms <ms>     DEPROVISIONING time after a delete
  --pending-accept-expiry-ms <ms> how long an unaccepted endpoint waits before EXPIRED
  --persist <file.json>           keep the state in this file across restarts
  --rate-limit <req/s>            token-bucket rate limit on the networking API
  --log                           log every request (JSON lines on stdout)
  --help                          show this text`;

function number(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new Error(`--${name} must be a non-negative number, got '${value}'`);
  return n;
}

function options(argv: string[]): EmulatorOptions | undefined {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "api-key": { type: "string" },
      "api-secret": { type: "string" },
      seed: { type: "string" },
      "service-delay-ms": { type: "string" },
      "endpoint-delay-ms": { type: "string" },
      "deprovision-delay-ms": { type: "string" },
      "pending-accept-expiry-ms": { type: "string" },
      persist: { type: "string" },
      "rate-limit": { type: "string" },
      log: { type: "boolean" },
      help: { type: "boolean" },
    },
  });
  if (values.help) return undefined;
  const delays: Partial<Delays> = {};
  const setDelay = (key: keyof Delays, flag: string) => {
    const ms = number(flag, values[flag as keyof typeof values] as string | undefined);
    if (ms !== undefined) delays[key] = ms;
  };
  setDelay("serviceProvisioningMs", "service-delay-ms");
  setDelay("endpointProvisioningMs", "endpoint-delay-ms");
  setDelay("deprovisioningMs", "deprovision-delay-ms");
  setDelay("pendingAcceptExpiryMs", "pending-accept-expiry-ms");
  const rate = number("rate-limit", values["rate-limit"]);
  return {
    host: values.host ?? "127.0.0.1",
    port: number("port", values.port) ?? 8080,
    credentials: [
      {
        key: values["api-key"] ?? DEFAULT_CREDENTIALS.key,
        secret: values["api-secret"] ?? DEFAULT_CREDENTIALS.secret,
      },
    ],
    seed: values.seed ? (JSON.parse(readFileSync(values.seed, "utf8")) as SeedInput) : undefined,
    delays,
    persistFile: values.persist,
    rateLimit: rate ? { requestsPerSecond: rate } : undefined,
    logger: values.log ?? false,
  };
}

async function main(): Promise<void> {
  let opts: EmulatorOptions | undefined;
  try {
    opts = options(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (!opts) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const emulator = await startEmulator(opts);
  process.stdout.write(`Confluent networking emulator listening on ${emulator.url}\n`);
  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`confluent-network-emulator: ${(error as Error).message}\n`);
  process.exit(1);
});
