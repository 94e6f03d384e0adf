/**
 * The package's declarations as a user's compiler sees them: a project with the stock Pulumi
 * TypeScript template's tsconfig (moduleResolution node, no skipLibCheck, no esModuleInterop)
 * imports the built package by name and type-checks against it. The project's own file holds the
 * type-level checks (`@ts-expect-error` lines fail the compile when the error they expect is gone).
 * Needs `npm run build` first.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { STOCK_TSCONFIG } from "../support/consumer-project";

const root = path.resolve(__dirname, "../..");

// Pulumi's template tsconfig, with plain diagnostics so the test can read them.
const TEMPLATE_TSCONFIG = {
  ...STOCK_TSCONFIG,
  compilerOptions: { ...STOCK_TSCONFIG.compilerOptions, pretty: false },
};

const PROGRAM = `
import * as pulumi from "@pulumi/pulumi";
import type { NetworkLinkServiceArgs as TheirServiceArgs } from "@pulumi/confluentcloud/networkLinkService";
import type { NetworkLinkEndpointArgs as TheirEndpointArgs } from "@pulumi/confluentcloud/networkLinkEndpoint";
import {
  BidirectionalNetworkLink,
  getNetworkLinkService,
  NetworkLinkEndpoint,
  NetworkLinkEndpointArgs,
  NetworkLinkEndpointPhase,
  NetworkLinkService,
  NetworkLinkServiceArgs,
  NetworkLinkServicePhase,
} from "pulumi-confluent-network-link";

// @pulumi/confluentcloud's Args objects fit ours as they are.
declare const theirService: TheirServiceArgs;
declare const theirEndpoint: TheirEndpointArgs;
const serviceArgs: NetworkLinkServiceArgs = theirService;
const endpointArgs: NetworkLinkEndpointArgs = theirEndpoint;

// displayName and description take Input<string | undefined>.
const maybe: pulumi.Input<string | undefined> = process.env.NAME;
const service = new NetworkLinkService("s", { ...serviceArgs, displayName: maybe, description: maybe });
const endpoint = new NetworkLinkEndpoint("e", { ...endpointArgs, networkLinkService: service, description: maybe });

// description is Output<string>, as in @pulumi/confluentcloud.
const description: pulumi.Output<string> = service.description;
const endpointDescription: pulumi.Output<string> = endpoint.description;

// phase is a union of phase names.
const servicePhase: pulumi.Output<NetworkLinkServicePhase> = service.phase;
const endpointPhase: pulumi.Output<NetworkLinkEndpointPhase> = endpoint.phase;
const ready: NetworkLinkEndpointPhase = "READY";
// @ts-expect-error not a phase name
const bogus: NetworkLinkEndpointPhase = "BOGUS";

// get takes the environment besides the ID and returns the class it is called on; lookups return plain data.
const theirs: NetworkLinkService = NetworkLinkService.get("theirs", "nls-abc123", { environment: { id: "env-abc123" } });
const theirAccept: pulumi.Output<{ environments: string[]; networks: string[] }> = theirs.accept;
const theirsE: NetworkLinkEndpoint = NetworkLinkEndpoint.get("theirs-e", "nle-abc123", {
  environment: { id: "env-abc123" },
  credentials: { apiKeyEnv: "B_KEY", apiSecretEnv: "B_SECRET" },
});
const theirLink: pulumi.Output<{ id: string; environment?: string; network?: string }> = theirsE.networkLinkService;
// @ts-expect-error an endpoint has no accept list
const endpointAccept = NetworkLinkEndpoint.get("e2", "nle-abc123", { environment: { id: "env-abc123" } }).accept;
// @ts-expect-error get needs the environment
const noEnvironment = NetworkLinkService.get("s2", "nls-abc123", {});
// @ts-expect-error get takes the get state, not the Args
const withArgs = NetworkLinkService.get("s3", "nls-abc123", { environment: { id: "env-abc123" }, network: { id: "n-1" } });

// isInstance narrows to the class it is called on.
declare const something: unknown;
const narrowed: pulumi.Output<NetworkLinkServicePhase>[] = [];
if (NetworkLinkService.isInstance(something)) narrowed.push(something.phase);
// @ts-expect-error an endpoint has no accept list
if (NetworkLinkEndpoint.isInstance(something)) narrowed.push(something.accept);
const looked: Promise<string[]> = getNetworkLinkService({ environment: { id: "env-abc123" }, id: "nls-abc123" }).then(
  (s) => s.accept.networks,
);

// Components take adoption and credential sources per side.
const link = new BidirectionalNetworkLink("ab", {
  a: { environment: { id: "env-a1" }, network: { id: "n-a1" }, credentials: { apiKeyEnv: "A_KEY", apiSecretEnv: "A_SECRET" } },
  b: { environment: { id: "env-b1" }, network: { id: "n-b1" } },
  adoptExistingIds: { aService: "nls-abc123" },
});

export const used = [description, endpointDescription, servicePhase, endpointPhase, ready, bogus, theirs, looked, link];
export const read = [theirAccept, theirLink, endpointAccept, noEnvironment, withArgs];
`;

const NOT_EXPORTED = `
// @ts-expect-error the API client is internal
import { NetworkingClient } from "pulumi-confluent-network-link";
// @ts-expect-error errors of the client are internal
import { ApiError } from "pulumi-confluent-network-link";
export const unused = [NetworkingClient, ApiError];
`;

function consumerProject(program: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "consumer-"));
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(TEMPLATE_TSCONFIG, null, 2));
  fs.writeFileSync(path.join(dir, "index.ts"), program);
  const modules = path.join(dir, "node_modules");
  fs.mkdirSync(modules);
  // As a user's install: the package, the SDK beside it (one copy), @types/node of the template.
  fs.symlinkSync(root, path.join(modules, "pulumi-confluent-network-link"), "dir");
  fs.symlinkSync(path.join(root, "node_modules", "@pulumi"), path.join(modules, "@pulumi"), "dir");
  fs.symlinkSync(path.join(root, "node_modules", "@types"), path.join(modules, "@types"), "dir");
  return dir;
}

function tsc(dir: string, ...args: string[]): { status: number; output: string } {
  try {
    const output = execFileSync(
      process.execPath,
      [path.join(root, "node_modules/typescript/bin/tsc"), "-p", dir, "--noEmit", ...args],
      { encoding: "utf8", cwd: dir },
    );
    return { status: 0, output };
  } catch (err) {
    const e = err as { status: number; stdout: string };
    return { status: e.status, output: e.stdout };
  }
}

describe("the package's declarations in a user's project (Pulumi template tsconfig)", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it("type-check with moduleResolution node, no skipLibCheck and no esModuleInterop, loading neither zod nor got", () => {
    const dir = consumerProject(PROGRAM);
    dirs.push(dir);
    const { status, output } = tsc(dir, "--listFiles");
    expect(output.split("\n").filter((line) => /error TS/.test(line))).toEqual([]);
    expect(status).toBe(0);
    const files = output.split("\n").map((f) => f.trim());
    expect(files).toContain(path.join(root, "dist/provider/index.d.ts"));
    // Exactly one SDK copy: every declaration of @pulumi/pulumi comes from the user's node_modules.
    expect(files.filter((f) => /[/\\]node_modules[/\\](zod|got)[/\\]/.test(f))).toEqual([]);
  }, 180_000);

  it("resolve the runtime subpath under moduleResolution node (typesVersions)", () => {
    const dir = consumerProject(`import { configure, service } from "pulumi-confluent-network-link/runtime";
export const used = [configure, service];
`);
    dirs.push(dir);
    const { status, output } = tsc(dir);
    expect(output).toBe("");
    expect(status).toBe(0);
  }, 180_000);

  it("do not export the API client or its errors", () => {
    const dir = consumerProject(NOT_EXPORTED);
    dirs.push(dir);
    const { status, output } = tsc(dir);
    expect(output).toBe("");
    expect(status).toBe(0);
  }, 180_000);

  it("a type error in the user's program is reported (the check can fail)", () => {
    const dir = consumerProject(`import { NetworkLinkService } from "pulumi-confluent-network-link";
new NetworkLinkService("s", { environment: { id: "env-a1" }, network: { id: "n-a1" }, displayName: 42 });
`);
    dirs.push(dir);
    const { status, output } = tsc(dir);
    expect(status).not.toBe(0);
    expect(output).toContain(
      "error TS2322: Type 'number' is not assignable to type 'Input<string | undefined>'",
    );
  }, 180_000);
});
