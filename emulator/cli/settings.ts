/** The CLI's settings: flags and `CONFLUENT_EMULATOR_*` variables, validated into emulator options. */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { DEFAULT_CREDENTIALS, type EmulatorOptions } from "../app";
import type { Credential } from "../auth";
import { credentialSchema, seedSchema } from "../routes/admin-schemas";
import type { Delays, SeedInput } from "../store/types";

/** Every setting is a flag or a `CONFLUENT_EMULATOR_*` environment variable; a flag wins. */
export const USAGE = `Usage: confluent-network-emulator [options]
Each option can also be set through the environment variable in brackets.
  --port <n>                      port (default 8080; 0 picks a free one)        [CONFLUENT_EMULATOR_PORT]
  --host <host>                   interface to bind (default 127.0.0.1)          [CONFLUENT_EMULATOR_HOST]
  --port-file <file>              write the port here once listening             [CONFLUENT_EMULATOR_PORT_FILE]
  --api-key <key>                 Cloud API key accepted (default ${DEFAULT_CREDENTIALS.key}) [CONFLUENT_EMULATOR_API_KEY]
  --api-secret <secret>           its secret (default ${DEFAULT_CREDENTIALS.secret})  [CONFLUENT_EMULATOR_API_SECRET]
  --key <KEY:SECRET[@env-a,env-b]> one more key, optionally limited to environments; repeatable
                                  [CONFLUENT_EMULATOR_KEYS, separated by spaces]
  --token <TOKEN[@env-a,…]>       an OAuth bearer token accepted; repeatable      [CONFLUENT_EMULATOR_TOKENS]
  --admin-token <token>           admin API token; needed with a non-loopback --host [CONFLUENT_EMULATOR_ADMIN_TOKEN]
  --seed <file.json>              environments and networks (default: two of each) [CONFLUENT_EMULATOR_SEED]
  --service-delay-ms <ms>         network link service PROVISIONING time          [CONFLUENT_EMULATOR_SERVICE_DELAY_MS]
  --endpoint-delay-ms <ms>        network link endpoint PROVISIONING time         [CONFLUENT_EMULATOR_ENDPOINT_DELAY_MS]
  --deprovision-delay-ms <ms>     DEPROVISIONING time after a delete              [CONFLUENT_EMULATOR_DEPROVISION_DELAY_MS]
  --disconnect-delay-ms <ms>      DISCONNECTING time after an accept removal      [CONFLUENT_EMULATOR_DISCONNECT_DELAY_MS]
  --pending-accept-expiry-ms <ms> how long an unaccepted endpoint waits           [CONFLUENT_EMULATOR_PENDING_ACCEPT_EXPIRY_MS]
  --persist <file.json>           keep the state in this file across restarts    [CONFLUENT_EMULATOR_PERSIST]
  --rate-limit <req/s>            token-bucket rate limit on the networking API  [CONFLUENT_EMULATOR_RATE_LIMIT]
  --log                           request logs, JSON lines on stderr             [CONFLUENT_EMULATOR_LOG=1]
  --help                          show this text
On start, stdout gets one JSON line: {"event":"ready","url":…,"port":…,"pid":…}.`;

const STRING_FLAGS = [
  "port",
  "host",
  "port-file",
  "api-key",
  "api-secret",
  "admin-token",
  "seed",
  "service-delay-ms",
  "endpoint-delay-ms",
  "deprovision-delay-ms",
  "disconnect-delay-ms",
  "pending-accept-expiry-ms",
  "persist",
  "rate-limit",
] as const;

type Flag = (typeof STRING_FLAGS)[number];

export interface CliSettings {
  options: EmulatorOptions;
  portFile?: string;
}

const envName = (flag: string) => `CONFLUENT_EMULATOR_${flag.toUpperCase().replaceAll("-", "_")}`;

function number(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === "") return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new Error(`--${name} must be a non-negative number, got '${value}'`);
  return n;
}

/** `KEY:SECRET[@env-a,env-b]` or `TOKEN[@env-a]`: the part after the last `@` lists environments. */
function credential(text: string, scheme: "key" | "token", source: string): Credential {
  const at = text.lastIndexOf("@");
  const scoped = at > 0 && /^env-[a-z0-9,-]+$/.test(text.slice(at + 1));
  const body = scoped ? text.slice(0, at) : text;
  const environments = scoped
    ? text
        .slice(at + 1)
        .split(",")
        .filter(Boolean)
    : undefined;
  const colon = body.indexOf(":");
  const candidate =
    scheme === "key"
      ? { key: body.slice(0, colon), secret: colon > 0 ? body.slice(colon + 1) : "", environments }
      : { token: body, environments };
  const parsed = credentialSchema.safeParse(JSON.parse(JSON.stringify(candidate)));
  if (!parsed.success || colon === 0 || (scheme === "key" && colon < 0)) {
    const form =
      scheme === "key" ? "KEY:SECRET[@env-a,env-b]" : "TOKEN[@env-a,env-b] (at least 8 characters)";
    throw new Error(`${source}: '${body.slice(0, 12)}…' is not of the form ${form}`);
  }
  return parsed.data;
}

function readSeed(file: string): SeedInput {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`seed file ${file}: ${(error as Error).message}`);
  }
  const parsed = seedSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`seed file ${file}: at '${issue.path.join(".") || "/"}': ${issue.message}`);
  }
  return parsed.data;
}

/** Options from argv and the environment; undefined for --help. */
export function readSettings(argv: string[], env: NodeJS.ProcessEnv): CliSettings | undefined {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      ...Object.fromEntries(STRING_FLAGS.map((f) => [f, { type: "string" as const }])),
      key: { type: "string", multiple: true },
      token: { type: "string", multiple: true },
      log: { type: "boolean" },
      help: { type: "boolean" },
    },
  });
  if (values.help) return undefined;
  const byName = values as Record<string, unknown>;
  const get = (flag: Flag) => (byName[flag] as string | undefined) ?? env[envName(flag)];
  const delays: Partial<Delays> = {};
  const delayFlags: [keyof Delays, Flag][] = [
    ["serviceProvisioningMs", "service-delay-ms"],
    ["endpointProvisioningMs", "endpoint-delay-ms"],
    ["deprovisioningMs", "deprovision-delay-ms"],
    ["disconnectingMs", "disconnect-delay-ms"],
    ["pendingAcceptExpiryMs", "pending-accept-expiry-ms"],
  ];
  for (const [key, flag] of delayFlags) {
    const ms = number(flag, get(flag));
    if (ms !== undefined) delays[key] = ms;
  }
  const split = (text: string | undefined) => (text ?? "").split(/\s+/).filter(Boolean);
  const keys = (values.key as string[] | undefined) ?? split(env.CONFLUENT_EMULATOR_KEYS);
  const tokens = (values.token as string[] | undefined) ?? split(env.CONFLUENT_EMULATOR_TOKENS);
  const credentials: Credential[] = [
    {
      key: get("api-key") ?? DEFAULT_CREDENTIALS.key,
      secret: get("api-secret") ?? DEFAULT_CREDENTIALS.secret,
    },
    ...keys.map((key) => credential(key, "key", "--key")),
    ...tokens.map((token) => credential(token, "token", "--token")),
  ];
  const rate = number("rate-limit", get("rate-limit"));
  const seed = get("seed");
  const log = values.log ?? ["1", "true"].includes(env.CONFLUENT_EMULATOR_LOG ?? "");
  return {
    options: {
      host: get("host") ?? "127.0.0.1",
      port: number("port", get("port")) ?? 8080,
      credentials,
      adminToken: get("admin-token") || undefined,
      seed: seed ? readSeed(seed) : undefined,
      delays,
      persistFile: get("persist") || undefined,
      rateLimit: rate ? { requestsPerSecond: rate } : undefined,
      logger: log,
    },
    portFile: get("port-file") || undefined,
  };
}
