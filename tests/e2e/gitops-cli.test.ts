/**
 * The command sequence of docs/gitops.md through the CLI, against an emulator, on a copy of
 * examples/bidirectional: `up` (a push to main), a pull-request-like change previewed with
 * `pulumi preview --diff --json` (exactly the expected in-place updates and replacements, no write
 * call), `up` of it, then an accept-list entry removed behind Pulumi's back through the networking
 * API, and the scheduled drift check `pulumi preview --refresh --expect-no-changes` exits non-zero
 * naming the endpoint that will be replaced.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { exampleFiles, openCliProject, type CliProject } from "../../harness/cli-project";
import { emulatorLinks } from "../../harness/emulator-links";
import { startE2e, type E2e } from "../support/emulator-stacks";

jest.setTimeout(600_000);

const DRIFT_CHECK = ["preview", "--refresh", "--expect-no-changes", "--diff"];
const ENDPOINT_TYPE = "pulumi-nodejs:dynamic/confluent-network-link:NetworkLinkEndpoint";
const SERVICE_TYPE = "pulumi-nodejs:dynamic/confluent-network-link:NetworkLinkService";

interface PreviewJson {
  steps?: { op: string; urn: string }[];
  changeSummary?: Record<string, number>;
}

let e2e: E2e;
let project: CliProject;

beforeAll(async () => {
  e2e = await startE2e();
  project = await openCliProject({
    files: {
      ...exampleFiles("bidirectional"),
      // As in every user project; without one the language host would look for the repository's main.
      "package.json": JSON.stringify({ name: "network-links", private: true, main: "index.ts" }),
    },
    // CI passes the credentials as environment variables from its secrets, not as stack config.
    envVars: { CONFLUENT_CLOUD_API_KEY: "EMULATOR_KEY", CONFLUENT_CLOUD_API_SECRET: "emulator-secret" },
  });
  await project.run(["stack", "init", "prod"]);
  await project.run(["config", "set", "confluentcloud:endpoint", e2e.emulator.url]);
});

afterAll(async () => {
  await project?.dispose();
  await e2e?.close();
});

/** `<type> <name>` → op, for the steps that change something. */
function changedSteps(preview: PreviewJson): Record<string, string> {
  const steps = (preview.steps ?? []).filter((step) => step.op !== "same");
  return Object.fromEntries(
    steps.map((step) => {
      const [, , type, name] = step.urn.split("::");
      return [`${type.split("$").pop()} ${name}`, step.op];
    }),
  );
}

test("push to main, a pull request's preview, its merge, and a drift check that catches an out-of-band change", async () => {
  // A push to main: the first deployment.
  await project.run(["up", "--yes"]);
  const deployed = await emulatorLinks(e2e.admin);
  expect(deployed.endpoints).toHaveLength(2);

  // A pull request moves side b to network n-bbbbb2 and changes the description.
  const index = path.join(project.projectDir, "index.ts");
  fs.writeFileSync(
    index,
    fs.readFileSync(index, "utf8").replace("(examples/bidirectional)", "(reviewed in CI)"),
  );
  await project.run(["config", "set", "bNetworkId", "n-bbbbb2"]);

  await e2e.admin.resetCounters();
  const preview = await project.json<PreviewJson>(["preview", "--diff"]);
  expect((await e2e.admin.counters()).writes).toBe(0);
  expect(changedSteps(preview)).toEqual({
    // The component's registered outputs (the children's IDs) change with them.
    "confluent-network-link:index:BidirectionalNetworkLink a-b": "update",
    // a's service stays, its accept list now names n-bbbbb2 (and the description changes): in place.
    [`${SERVICE_TYPE} a-b-a-service`]: "update",
    // b's service and both endpoints sit in, or point at, a new network: replaced.
    [`${SERVICE_TYPE} a-b-b-service`]: "replace",
    [`${ENDPOINT_TYPE} a-b-a-to-b`]: "replace",
    [`${ENDPOINT_TYPE} a-b-b-to-a`]: "replace",
  });

  // The merge: up applies it; the emulator then holds the new layout only.
  await project.run(["up", "--yes"]);
  const merged = await emulatorLinks(e2e.admin);
  expect(merged.services.map((s) => s.network).sort()).toEqual(["n-aaaaa1", "n-bbbbb2"]);
  expect(merged.endpoints.map((e) => e.network).sort()).toEqual(["n-aaaaa1", "n-bbbbb2"]);
  expect([...merged.services, ...merged.endpoints].every((r) => r.phase === "READY")).toBe(true);
  // The scheduled drift check passes while nothing has changed outside Pulumi.
  await project.run(DRIFT_CHECK);

  // Someone removes n-bbbbb2 from a's accept list in the console (here: the networking API itself).
  const aService = merged.services.find((s) => s.network === "n-aaaaa1")!;
  const bToA = merged.endpoints.find((e) => e.network === "n-bbbbb2")!;
  const response = await fetch(`${e2e.emulator.url}/networking/v1/network-link-services/${aService.id}`, {
    method: "PATCH",
    headers: {
      authorization: `Basic ${Buffer.from("EMULATOR_KEY:emulator-secret").toString("base64")}`,
      "content-type": "application/json",
    },
    body: JSON.stringify({
      spec: { environment: { id: "env-aaaaa1" }, accept: { environments: [], networks: [] } },
    }),
  });
  expect(response.status).toBe(200);

  const drift = await project.run(DRIFT_CHECK, { allowFailure: true });
  expect(drift.code).not.toBe(0);
  const output = `${drift.stdout}\n${drift.stderr}`;
  // The endpoint cut off by the removal is named, with its ID, as the one to be replaced.
  const replaced = [...output.matchAll(/\+-(\S+): \(replace\)\s+\[id=(\S+)\]\s+\[urn=\S+::(\S+)\]/g)].map(
    (m) => m.slice(1),
  );
  expect(replaced).toEqual([[ENDPOINT_TYPE, bToA.id, "a-b-b-to-a"]]);
  expect(output).toMatch(/no changes were expected.* but changes were proposed/);
});
