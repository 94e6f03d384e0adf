/**
 * Optional JSON persistence: the whole state, rewritten on each change through a temp file that is
 * fsynced and renamed over the old one, so a crash leaves the old file or the new one, never half.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import path from "node:path";
import { z } from "zod";
import { NETWORK_DEFAULTS } from "./store/seed";
import {
  CLOUDS,
  CONNECTION_TYPES,
  type NetworkRecord,
  type ResourceRecord,
  type StoreData,
} from "./store/types";

const VERSION = 2;

const text = z.string().max(4096);
const ms = z.number().finite();
const forced = z.object({ phase: text, error_code: text.optional(), error_message: text.optional() });
const base = {
  id: text,
  seq: z.number().int().min(0),
  environment: text,
  network: text,
  display_name: text,
  description: text,
  createdAt: ms,
  updatedAt: ms,
  readyAt: ms,
  deletingAt: ms.optional(),
  goneAt: ms.optional(),
  forced: forced.optional(),
};
// The file names a record's object type `kind` (its format since version 1); the store calls it `type`.
const service = z
  .object({
    ...base,
    kind: z.literal("service"),
    accept: z.object({ environments: z.array(text), networks: z.array(text) }),
  })
  .transform(({ kind, ...record }) => ({ type: kind, ...record }));
const endpoint = z
  .object({
    ...base,
    kind: z.literal("endpoint"),
    service: text,
    serviceEnvironment: text,
    serviceNetwork: text,
    acceptedAt: ms.optional(),
    expiresAt: ms.optional(),
    disconnectingAt: ms.optional(),
    disconnectedAt: ms.optional(),
  })
  .transform(({ kind, ...record }) => ({ type: kind, ...record }));
const fileRecord = <R extends ResourceRecord>({ type, ...record }: R) => ({ kind: type, ...record });
/** Cloud, region, connection types, name and times came later: files without them load with the defaults. */
const network = z.object({
  id: text,
  environment: text,
  kafka_clusters: z.number().int().min(0),
  display_name: text.optional(),
  cloud: z.enum(CLOUDS).optional(),
  region: text.optional(),
  connection_types: z.array(z.enum(CONNECTION_TYPES)).min(1).optional(),
  cidr: text.optional(),
  createdAt: ms.optional(),
  updatedAt: ms.optional(),
});

function networkRecord(n: z.output<typeof network>, loadedAt: number): NetworkRecord {
  const record: NetworkRecord = {
    id: n.id,
    environment: n.environment,
    kafka_clusters: n.kafka_clusters,
    display_name: n.display_name ?? n.id,
    cloud: n.cloud ?? NETWORK_DEFAULTS.cloud,
    region: n.region ?? NETWORK_DEFAULTS.region,
    connection_types: n.connection_types ?? [...NETWORK_DEFAULTS.connection_types],
    createdAt: n.createdAt ?? loadedAt,
    updatedAt: n.updatedAt ?? n.createdAt ?? loadedAt,
  };
  if (n.cidr !== undefined) record.cidr = n.cidr;
  return record;
}

/** Version 1 kept records in objects keyed by ID; version 2 keeps arrays. Both load. */
const keyed = <T extends z.ZodType>(item: T) =>
  z.union([z.array(item), z.record(z.string(), item).transform((r) => Object.values(r))]);

const fileSchema = z.object({
  version: z.union([z.literal(1), z.literal(2)]),
  state: z.object({
    organizationId: text,
    environments: z.array(text),
    networks: keyed(network),
    services: keyed(service),
    endpoints: keyed(endpoint),
    sequence: z.number().int().min(0),
  }),
});

function fail(file: string, problem: string): never {
  throw new Error(
    `${file} is not a usable emulator state file: ${problem}. Move it away (or delete it) to start empty.`,
  );
}

export function loadState(file: string): StoreData | undefined {
  removeTempFiles(file);
  if (!existsSync(file)) return undefined;
  const raw = readFileSync(file, "utf8");
  if (raw.trim() === "") fail(file, "the file is empty (was the emulator killed while writing it?)");
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    fail(file, `it is not valid JSON (${(error as Error).message})`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(file, `at '${issue.path.join(".") || "/"}': ${issue.message} (expected version ${VERSION})`);
  }
  const { state } = parsed.data;
  return {
    organizationId: state.organizationId,
    environments: new Set(state.environments),
    networks: new Map(state.networks.map((n) => [n.id, networkRecord(n, Date.now())])),
    services: new Map(state.services.map((s) => [s.id, s])),
    endpoints: new Map(state.endpoints.map((e) => [e.id, e])),
    sequence: state.sequence,
  };
}

export function saveState(file: string, data: StoreData): void {
  const body = JSON.stringify({
    version: VERSION,
    state: {
      organizationId: data.organizationId,
      environments: [...data.environments],
      networks: [...data.networks.values()],
      services: [...data.services.values()].map(fileRecord),
      endpoints: [...data.endpoints.values()].map(fileRecord),
      sequence: data.sequence,
    },
  });
  const temp = `${file}.${process.pid}.tmp`;
  const fd = openSync(temp, "w");
  try {
    writeSync(fd, body);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
}

/** Temp files left by a process that died between write and rename (kill -9) are stale: remove them. */
export function removeTempFiles(file: string): void {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.`;
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    if (name.startsWith(prefix) && /^\d+\.tmp$/.test(name.slice(prefix.length))) {
      rmSync(path.join(dir, name), { force: true });
    }
  }
}
