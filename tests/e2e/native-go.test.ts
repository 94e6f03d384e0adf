import { execFileSync } from "node:child_process";
import {
  expectNoCredentials,
  exported,
  GO_SDK_MODULE,
  goProjectFiles,
  NativeProject,
  nativeProject,
} from "../../harness/native-project";

// A Go program drives the native provider through the real CLI and the Go language host, with the
// Go SDK generated into sdk/go (scripts/generate-sdks.sh): a BidirectionalNetworkLink, a clean
// preview, a refresh after an out-of-band delete, an up that recreates, a destroy.

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
			Description: pulumi.String("made by a Go program"),
		})
		if err != nil {
			return err
		}
		ctx.Export("ready", link.Ready)
		ctx.Export("phases", link.Phases)
		ctx.Export("bToA", link.BToA.ApplyT(func(e *cnl.NetworkLinkEndpoint) pulumi.IDOutput { return e.ID() }))
		return nil
	})
}
`;

describe("native provider from a Go program", () => {
  let project: NativeProject;
  beforeAll(async () => {
    project = await nativeProject(goProjectFiles("native-go", mainGo));
    // Resolves the program's module graph (from the module cache when warm).
    execFileSync("go", ["mod", "tidy"], { cwd: project.dir, stdio: "inherit" });
  });
  afterAll(async () => project?.close());

  it("creates a bidirectional link, previews clean, refreshes after an out-of-band delete, destroys", async () => {
    await project.ok("up", "--yes");
    const outputs = JSON.parse(await project.ok("stack", "output", "--json"));
    expect(outputs.ready).toBe(true);
    expect(outputs.phases).toEqual({ aService: "READY", bService: "READY", aToB: "READY", bToA: "READY" });
    const { resources } = await exported(project);
    expect(resources.filter((r) => r.type === "confluentnetworklink:index:NetworkLinkEndpoint")).toHaveLength(
      2,
    );

    await project.ok("preview", "--expect-no-changes");

    await project.admin.deleteOutOfBand(outputs.bToA);
    await project.ok("refresh", "--yes");
    expect((await exported(project)).resources.map((r) => r.id)).not.toContain(outputs.bToA);
    await project.ok("up", "--yes");
    expect((await project.admin.state()).endpoints).toHaveLength(2);
    await project.ok("preview", "--expect-no-changes");

    await expectNoCredentials(project);
    await project.ok("destroy", "--yes");
    const emptied = await project.admin.state();
    expect(emptied.services).toHaveLength(0);
    expect(emptied.endpoints).toHaveLength(0);
  });
});
