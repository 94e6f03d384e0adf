/**
 * A stack created by the release before the one-lifecycle refactor (main at e9f89bb) refreshes,
 * previews and updates with no diff under today's code. The old release is built at test time from
 * git history into .pulumi-state/ (nothing committed), and the stack's project folder is made to load
 * it by package name, as a user's node_modules would; then the link is removed and today's code runs
 * against the state the old one wrote.
 */
import { execFileSync, execSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { NetworkLinkEndpoint, NetworkLinkService } from "../../provider";
import { repoRoot } from "../support/offline";
import { changes, startE2e, type E2e } from "../support/emulator-stacks";

const RELEASE = "e9f89bb";
const PACKAGE = "pulumi-confluent-network-link";

/** The old release's package folder, built once; undefined when git history does not hold it. */
function buildRelease(): string | undefined {
  const dir = path.join(repoRoot, ".pulumi-state", `release-${RELEASE}`);
  if (fs.existsSync(path.join(dir, "dist", "provider", "runtime.js"))) return dir;
  try {
    execFileSync("git", ["cat-file", "-e", `${RELEASE}^{commit}`], { cwd: repoRoot, stdio: "ignore" });
  } catch {
    return undefined;
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const files = "provider emulator package.json tsconfig.json tsconfig.build.json";
  execSync(`git archive ${RELEASE} ${files} | tar -x -C "${dir}"`, { cwd: repoRoot });
  // Another name, so that jest's module map does not see two packages called PACKAGE in the repo;
  // Node resolves it by the folder it is linked as, and reads only its exports.
  const manifest = path.join(dir, "package.json");
  const pkg = JSON.parse(fs.readFileSync(manifest, "utf8")) as { name: string };
  fs.writeFileSync(manifest, JSON.stringify({ ...pkg, name: `${PACKAGE}-release-${RELEASE}` }, null, 2));
  const tsc = path.join(repoRoot, "node_modules", "typescript", "bin", "tsc");
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: dir });
  return dir;
}

const program = (description: string) => async () => {
  const a = new NetworkLinkService("a-service", {
    environment: { id: "env-aaaaa1" },
    network: { id: "n-aaaaa1" },
    description,
    accept: { environments: ["env-bbbbb1"], networks: ["n-bbbbb2"] },
  });
  const b = new NetworkLinkService("b-service", {
    environment: { id: "env-bbbbb1" },
    network: { id: "n-bbbbb1" },
    accept: { networks: ["n-aaaaa1"] },
  });
  const aToB = new NetworkLinkEndpoint("a-to-b", {
    environment: { id: "env-aaaaa1" },
    network: { id: "n-aaaaa1" },
    networkLinkService: b,
    description,
  });
  const bToA = new NetworkLinkEndpoint("b-to-a", {
    environment: { id: "env-bbbbb1" },
    network: { id: "n-bbbbb1" },
    networkLinkService: { id: a.id, environment: "env-aaaaa1" },
  });
  return { aToB: aToB.phase, bToA: bToA.phase, description: aToB.description };
};

const release = buildRelease();
const describeWithHistory = release ? describe : describe.skip;
if (!release) console.warn(`state-compat: git history has no ${RELEASE}; the old-state test is skipped`);

describeWithHistory(`a stack written by the release at ${RELEASE}`, () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e();
  });
  afterAll(() => e2e?.close());

  it("refreshes, previews and updates with no diff under today's code", async () => {
    const output: string[] = [];
    const stack = await e2e.stack(program("first"), { onOutput: (line) => output.push(line) });
    const link = path.join(stack.workDir, "node_modules", PACKAGE);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(release as string, link, "dir");

    const up = await stack.up();
    expect(changes(up.summary.resourceChanges)).toEqual({ create: 5 });
    // The old release's progress line: proof that its code, not today's, wrote the state.
    expect(output.some((line) => /network link endpoint nle-\w+ created in network n-/.test(line))).toBe(
      true,
    );

    fs.rmSync(link);
    // From here the provider processes load today's build, as they resolve the package from the project.
    const runtime = require.resolve(`${PACKAGE}/runtime`, { paths: [stack.workDir] });
    expect(fs.realpathSync(runtime)).toBe(
      path.join(fs.realpathSync(repoRoot), "dist", "provider", "runtime.js"),
    );
    const refresh = await stack.refresh();
    expect(changes(refresh.summary.resourceChanges)).toEqual({ same: 5 });
    await stack.preview({ expectNoChanges: true });
    const again = await stack.up();
    expect(changes(again.summary.resourceChanges)).toEqual({ same: 5 });

    stack.setProgram(program("second"));
    const update = await stack.up();
    expect(changes(update.summary.resourceChanges)).toEqual({ same: 3, update: 2 });
    expect(await stack.outputs()).toEqual({ aToB: "READY", bToA: "READY", description: "second" });
    await stack.preview({ expectNoChanges: true });
  });
});
