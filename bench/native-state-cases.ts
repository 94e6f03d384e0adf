/**
 * Where a native resource's bytes in `pulumi stack export` go, field by field, for each way a program
 * can bring one in: a child of a component the provider constructs (BidirectionalNetworkLink in YAML),
 * a resource declared directly in YAML, the same two from a Go program, and one brought in by
 * `pulumi import`. Prints a Markdown table per case.
 *
 * Usage: npx tsx bench/native-state-cases.ts [--skip-go]   (needs `npm run build`; Go for the Go case)
 */
import { execFileSync } from "node:child_process";
import got from "got";
import { DEFAULT_CREDENTIALS } from "confluent-network-link-emulator";
import { GO_SDK_MODULE, goProjectFiles, nativeProject, type NativeProject } from "../harness/native-project";
import { fieldSizes, resourceShares, type ResourceShare } from "./state-share";

const TOKEN = "confluentnetworklink:index:";
const isNativeResource = (type: string) =>
  /^confluentnetworklink:index:NetworkLink(Service|Endpoint)$/.test(type);

// The component in n-aaaaa1/n-bbbbb1; the directly declared service in n-aaaaa2, accepting n-bbbbb2.
const YAML = `name: state-cases
runtime: yaml
resources:
  link:
    type: ${TOKEN}BidirectionalNetworkLink
    properties:
      a: { environment: { id: env-aaaaa1 }, network: { id: n-aaaaa1 } }
      b: { environment: { id: env-bbbbb1 }, network: { id: n-bbbbb1 } }
  direct-service:
    type: ${TOKEN}NetworkLinkService
    properties:
      environment: { id: env-aaaaa1 }
      network: { id: n-aaaaa2 }
      accept: { environments: [], networks: [n-bbbbb2] }
`;

/** The hand-made service of importHandMade, as the program declares it once imported. */
const IMPORTED = `  imported:
    type: ${TOKEN}NetworkLinkService
    properties:
      environment: { id: env-bbbbb1 }
      network: { id: n-bbbbb2 }
      displayName: by-hand
      accept: { environments: [], networks: [n-aaaaa2] }
`;

const GO = `package main

import (
	cnl "${GO_SDK_MODULE}"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func ref(id string) *cnl.IdReferenceArgs { return &cnl.IdReferenceArgs{Id: pulumi.String(id)} }

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		_, err := cnl.NewBidirectionalNetworkLink(ctx, "link", &cnl.BidirectionalNetworkLinkArgs{
			A: &cnl.NetworkSideArgs{Environment: ref("env-aaaaa1"), Network: ref("n-aaaaa1")},
			B: &cnl.NetworkSideArgs{Environment: ref("env-bbbbb1"), Network: ref("n-bbbbb1")},
		})
		if err != nil {
			return err
		}
		_, err = cnl.NewNetworkLinkService(ctx, "direct-service", &cnl.NetworkLinkServiceArgs{
			Environment: ref("env-aaaaa1"),
			Network:     ref("n-aaaaa2"),
			Accept:      &cnl.ServiceAcceptArgs{Environments: pulumi.StringArray{}, Networks: pulumi.ToStringArray([]string{"n-bbbbb2"})},
		})
		return err
	})
}
`;

function table(label: string, text: string, share: ResourceShare): string {
  const fields = fieldSizes(text, share.urn);
  return [
    `### ${label}: ${share.urn.split("::").pop()} (${share.type.replace(TOKEN, "")})`,
    "",
    `Share of the export ${share.bytes} B; without stackTrace/sourcePosition ${share.bytesWithoutTrace} B; ` +
      `inputs + outputs compact ${share.inputsOutputsCompact} B; whole entry compact ${share.entryCompact} B.`,
    "",
    "| Field | Printed in the export (B) | Compact JSON (B) |",
    "| --- | --- | --- |",
    ...fields.map((f) => `| ${f.field} | ${f.printed} | ${f.compact} |`),
    "",
  ].join("\n");
}

/** The largest resource of each kind of registration in the export. */
function report(label: string, text: string, pick: Record<string, (s: ResourceShare) => boolean>): string[] {
  const shares = resourceShares(text, isNativeResource);
  return Object.entries(pick).flatMap(([kind, matches]) => {
    const chosen = shares.filter(matches).sort((a, b) => b.bytes - a.bytes)[0];
    return chosen ? [table(`${label}, ${kind}`, text, chosen)] : [`### ${label}, ${kind}: none found`, ""];
  });
}

const child = (s: ResourceShare) => s.urn.includes("BidirectionalNetworkLink$");
const named = (name: string) => (s: ResourceShare) => s.urn.endsWith(`::${name}`);

/** A service made by hand in n-bbbbb2 (accepting n-aaaaa2), then `pulumi import`ed as `imported`. */
async function importHandMade(project: NativeProject): Promise<void> {
  // Made by hand: a plain POST to the emulator, as a person with curl would.
  const made = await got
    .post(`${project.emulator.url}/networking/v1/network-link-services`, {
      username: DEFAULT_CREDENTIALS.key,
      password: DEFAULT_CREDENTIALS.secret,
      json: {
        spec: {
          environment: { id: "env-bbbbb1" },
          network: { id: "n-bbbbb2" },
          display_name: "by-hand",
          accept: { environments: [], networks: ["n-aaaaa2"] },
        },
      },
    })
    .json<{ id: string }>();
  await project.ok("import", `${TOKEN}NetworkLinkService`, "imported", `env-bbbbb1/${made.id}`, "--yes");
}

async function yamlCases(): Promise<string[]> {
  const project = await nativeProject({ "Pulumi.yaml": YAML });
  try {
    await project.ok("up", "--yes");
    await importHandMade(project);
    const text = await project.ok("stack", "export");
    const sections = report("YAML program", text, {
      "component child": child,
      "declared directly": named("direct-service"),
      "brought in by pulumi import": named("imported"),
    });
    // The program then declares the imported service, and its next `up` registers it like any other.
    project.write("Pulumi.yaml", YAML + IMPORTED);
    await project.ok("up", "--yes");
    const adopted = await project.ok("stack", "export");
    return [
      ...sections,
      ...report("YAML program", adopted, { "imported, after the program's up": named("imported") }),
    ];
  } finally {
    await project.close();
  }
}

async function goCases(): Promise<string[]> {
  const project = await nativeProject(goProjectFiles("state-cases-go", GO));
  try {
    execFileSync("go", ["mod", "tidy"], { cwd: project.dir, stdio: "inherit" });
    await project.ok("up", "--yes");
    const text = await project.ok("stack", "export");
    return report("Go program", text, {
      "component child": child,
      "declared directly": named("direct-service"),
    });
  } finally {
    await project.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const sections = [...(await yamlCases()), ...(argv.includes("--skip-go") ? [] : await goCases())];
  console.log(sections.join("\n"));
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
