import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { go, publishGoModule } from "../../harness/local-goproxy";
import {
  expectNoCredentials,
  GO_SDK_MODULE,
  nativeProject,
  PLUGIN_VERSION,
  type NativeProject,
} from "../../harness/native-project";
import { repoRoot } from "../../harness/offline";

// The Go SDK consumed as a published module: sdk/go served from a module proxy (a file:// GOPROXY
// laid out as the proxy protocol says), and a program that `go get`s it by its import path and
// version, with no `replace`, then runs through the real CLI and the Go language host:
// a BidirectionalNetworkLink to READY, a clean preview, a destroy. (tests/e2e/native-go.test.ts runs
// the SDK folder in place through a `replace`, with a refresh after an out-of-band delete.)

const VERSION = `v${PLUGIN_VERSION}`;

const mainGo = `package main

import (
	cnl "${GO_SDK_MODULE}"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func side(environment, network string) *cnl.NetworkSideArgs {
	return &cnl.NetworkSideArgs{
		Environment: &cnl.IdReferenceArgs{Id: pulumi.String(environment)},
		Network:     &cnl.IdReferenceArgs{Id: pulumi.String(network)},
	}
}

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		link, err := cnl.NewBidirectionalNetworkLink(ctx, "link", &cnl.BidirectionalNetworkLinkArgs{
			A:           side("env-aaaaa1", "n-aaaaa1"),
			B:           side("env-bbbbb1", "n-bbbbb1"),
			Description: pulumi.String("made by a Go program that go-got the SDK"),
		})
		if err != nil {
			return err
		}
		ctx.Export("ready", link.Ready)
		ctx.Export("phases", link.Phases)
		return nil
	})
}
`;

describe("the Go SDK from a module proxy", () => {
  const work = path.join(repoRoot, ".pulumi-state", `go-consumer-${randomBytes(4).toString("hex")}`);
  let project: NativeProject;
  let goEnv: Record<string, string>;

  beforeAll(async () => {
    const published = await publishGoModule(
      path.join(work, "goproxy"),
      GO_SDK_MODULE,
      VERSION,
      path.join(repoRoot, "sdk/go/confluentnetworklink"),
    );
    goEnv = published.env;
    project = await nativeProject(
      { "Pulumi.yaml": "name: go-consumer\nruntime: go\n", "main.go": mainGo },
      { env: goEnv },
    );
    // What a user types: a module of their own, the SDK by path and version, then tidy.
    await go(["mod", "init", "example.com/go-consumer"], { cwd: project.dir, env: goEnv });
    await go(["get", `${GO_SDK_MODULE}@${VERSION}`], { cwd: project.dir, env: goEnv });
    await go(["mod", "tidy"], { cwd: project.dir, env: goEnv });
  });
  afterAll(async () => {
    await project?.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it("requires the SDK by path and version, checksummed, from the module cache (no replace)", async () => {
    const goMod = fs.readFileSync(path.join(project.dir, "go.mod"), "utf8");
    expect(goMod).toContain(`${GO_SDK_MODULE} ${VERSION}`);
    expect(goMod).not.toMatch(/^replace/m);
    const goSum = fs.readFileSync(path.join(project.dir, "go.sum"), "utf8");
    const listed = JSON.parse(
      await go(["mod", "download", "-json", `${GO_SDK_MODULE}@${VERSION}`], { cwd: project.dir, env: goEnv }),
    );
    expect(goSum).toContain(`${GO_SDK_MODULE} ${VERSION} ${listed.Sum}`);
    const modCache = (await go(["env", "GOMODCACHE"], { cwd: project.dir })).trim();
    expect(listed.Dir).toBe(path.join(modCache, `${GO_SDK_MODULE}@${VERSION}`));
    // The downloaded copy holds the SDK's sources as they are in sdk/go now.
    const sdkFile = "bidirectionalNetworkLink.go";
    expect(fs.readFileSync(path.join(listed.Dir, sdkFile), "utf8")).toBe(
      fs.readFileSync(path.join(repoRoot, "sdk/go/confluentnetworklink", sdkFile), "utf8"),
    );
  });

  it("runs the program: a bidirectional link to READY, a clean preview, a destroy", async () => {
    await project.ok("up", "--yes");
    const outputs = JSON.parse(await project.ok("stack", "output", "--json"));
    expect(outputs.ready).toBe(true);
    expect(outputs.phases).toEqual({ aService: "READY", bService: "READY", aToB: "READY", bToA: "READY" });
    expect((await project.admin.state()).endpoints).toHaveLength(2);

    await project.ok("preview", "--expect-no-changes");
    await expectNoCredentials(project);

    await project.ok("destroy", "--yes");
    const emptied = await project.admin.state();
    expect(emptied.services).toHaveLength(0);
    expect(emptied.endpoints).toHaveLength(0);
  });
});
