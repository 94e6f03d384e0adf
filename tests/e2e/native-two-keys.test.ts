import * as path from "node:path";
import { go } from "../../harness/local-goproxy";
import {
  expectNoCredentials,
  GO_SDK_MODULE,
  goProjectFiles,
  NativeProject,
  nativeProject,
} from "../../harness/native-project";

// Two teams, two Cloud API keys, one program, in YAML and in Go, through the CLI: each side of a
// bidirectional link (a service and an endpoint per direction) is made by an explicit provider
// (`pulumi:providers:confluentnetworklink`) with its own key, and a component (NetworkLink) by a
// third key. The emulator scopes each key to its own environments (none shared) and no longer accepts
// the stack's default key, so the environment of every object made names the key that made it.

const A = { environment: "env-aaaaa1", network: "n-aaaaa2" };
const B = { environment: "env-bbbbb1", network: "n-bbbbb1" };
/** The component's side: two environments of their own, seeded for this test. */
const C = { environment: "env-ccccc1", network: "n-ccccc1" };
const D = { environment: "env-ddddd1", network: "n-ddddd1" };
const TEAM_A = { key: "TEAM_A_KEY", secret: "team-a-secret-4d1f", environments: [A.environment] };
const TEAM_B = { key: "TEAM_B_KEY", secret: "team-b-secret-9c2e", environments: [B.environment] };
const ORG = { key: "ORG_KEY", secret: "org-secret-5b7a", environments: [C.environment, D.environment] };
const WRONG_A = "not-team-a-secret-3e0c";
const WRONG_B = "not-team-b-secret-71aa";

const hint = (team: string) => `Check \`apiKey\` of provider '${team}' / \`apiSecret\` of provider '${team}'`;

// Both programs read the keys, the endpoint and the teams' description from the stack config, so a
// step changes the config, never the program (the Go program is built once).

const yamlSide = (from: typeof A, to: typeof A, team: string, target: string) => `
  ${team}Service:
    type: confluentnetworklink:index:NetworkLinkService
    properties:
      environment: { id: ${from.environment} }
      network: { id: ${from.network} }
      description: \${description}
      accept:
        networks: [${to.network}]
    options:
      provider: \${${team}}
  ${team}Endpoint:
    type: confluentnetworklink:index:NetworkLinkEndpoint
    properties:
      environment: { id: ${from.environment} }
      network: { id: ${from.network} }
      networkLinkService:
        id: \${${target}Service.id}
        environment: ${to.environment}
        network: ${to.network}
      # The other team's service cannot be read with this team's key.
      allowPendingAccept: true
    options:
      provider: \${${team}}
`;

const yamlProvider = (team: string) => `
  ${team}:
    type: pulumi:providers:confluentnetworklink
    properties:
      apiKey: \${${team}Key}
      apiSecret: \${${team}Secret}
      endpoint: \${endpoint}
`;

const yamlProgram = `name: native-two-keys
runtime: yaml
config:
  teamAKey: { type: string }
  teamASecret: { type: string }
  teamBKey: { type: string }
  teamBSecret: { type: string }
  orgKey: { type: string }
  orgSecret: { type: string }
  endpoint: { type: string }
  description: { type: string }
resources:
${yamlProvider("teamA")}${yamlProvider("teamB")}${yamlProvider("org")}
  orgLink:
    type: confluentnetworklink:index:NetworkLink
    properties:
      origin: { environment: { id: ${C.environment} }, network: { id: ${C.network} } }
      target: { environment: { id: ${D.environment} }, network: { id: ${D.network} } }
    options:
      provider: \${org}${yamlSide(A, B, "teamA", "teamB")}${yamlSide(B, A, "teamB", "teamA")}
outputs:
  aToB: \${teamAEndpoint.phase}
  bToA: \${teamBEndpoint.phase}
  orgLink: \${orgLink.ready}
`;

const mainGo = `package main

import (
	cnl "${GO_SDK_MODULE}"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

type place struct{ environment, network string }

var a = place{"${A.environment}", "${A.network}"}
var b = place{"${B.environment}", "${B.network}"}
var c = place{"${C.environment}", "${C.network}"}
var d = place{"${D.environment}", "${D.network}"}

func ref(id string) *cnl.IdReferenceArgs { return &cnl.IdReferenceArgs{Id: pulumi.String(id)} }

// One explicit provider, with its own key and secret from the stack's secret config.
func provider(ctx *pulumi.Context, cfg *config.Config, name string) (*cnl.Provider, error) {
	return cnl.NewProvider(ctx, name, &cnl.ProviderArgs{
		ApiKey:    cfg.RequireSecret(name + "Key"),
		ApiSecret: cfg.RequireSecret(name + "Secret"),
		Endpoint:  pulumi.String(cfg.Require("endpoint")),
	})
}

func service(ctx *pulumi.Context, team string, from, to place, description string, p *cnl.Provider) (*cnl.NetworkLinkService, error) {
	return cnl.NewNetworkLinkService(ctx, team+"Service", &cnl.NetworkLinkServiceArgs{
		Environment: ref(from.environment),
		Network:     ref(from.network),
		Description: pulumi.String(description),
		Accept:      &cnl.ServiceAcceptArgs{Networks: pulumi.StringArray{pulumi.String(to.network)}},
	}, pulumi.Provider(p))
}

func endpoint(ctx *pulumi.Context, team string, from, to place, target *cnl.NetworkLinkService, p *cnl.Provider) (*cnl.NetworkLinkEndpoint, error) {
	return cnl.NewNetworkLinkEndpoint(ctx, team+"Endpoint", &cnl.NetworkLinkEndpointArgs{
		Environment: ref(from.environment),
		Network:     ref(from.network),
		NetworkLinkService: &cnl.ServiceReferenceArgs{
			Id:          target.ID().ToStringOutput(),
			Environment: pulumi.String(to.environment),
			Network:     pulumi.String(to.network),
		},
		// The other team's service cannot be read with this team's key.
		AllowPendingAccept: pulumi.Bool(true),
	}, pulumi.Provider(p))
}

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		description := cfg.Require("description")
		teamA, err := provider(ctx, cfg, "teamA")
		if err != nil {
			return err
		}
		teamB, err := provider(ctx, cfg, "teamB")
		if err != nil {
			return err
		}
		org, err := provider(ctx, cfg, "org")
		if err != nil {
			return err
		}
		orgLink, err := cnl.NewNetworkLink(ctx, "orgLink", &cnl.NetworkLinkArgs{
			Origin: &cnl.NetworkSideArgs{Environment: ref(c.environment), Network: ref(c.network)},
			Target: &cnl.NetworkSideArgs{Environment: ref(d.environment), Network: ref(d.network)},
		}, pulumi.Provider(org))
		if err != nil {
			return err
		}
		aService, err := service(ctx, "teamA", a, b, description, teamA)
		if err != nil {
			return err
		}
		bService, err := service(ctx, "teamB", b, a, description, teamB)
		if err != nil {
			return err
		}
		aToB, err := endpoint(ctx, "teamA", a, b, bService, teamA)
		if err != nil {
			return err
		}
		bToA, err := endpoint(ctx, "teamB", b, a, aService, teamB)
		if err != nil {
			return err
		}
		ctx.Export("aToB", aToB.Phase)
		ctx.Export("bToA", bToA.Phase)
		ctx.Export("orgLink", orgLink.Ready)
		return nil
	})
}
`;

/** The Go program, built once into a binary the CLI runs (`runtime.options.binary`). */
const GO_BINARY = "two-keys";
const goFiles = {
  ...goProjectFiles("native-two-keys", mainGo),
  "Pulumi.yaml": `name: native-two-keys\nruntime:\n  name: go\n  options:\n    binary: ./${GO_BINARY}\n`,
};

const PROGRAMS = [
  { language: "YAML", files: { "Pulumi.yaml": yamlProgram }, build: async () => {} },
  {
    language: "Go",
    files: goFiles,
    build: async (dir: string) => {
      // Resolves the program's module graph (from the module cache when warm), then builds it.
      await go(["mod", "tidy"], { cwd: dir });
      await go(["build", "-o", path.join(dir, GO_BINARY), "."], { cwd: dir });
    },
  },
];

type Spec = { environment: { id: string }; network: { id: string }; description?: string };
const specs = (objects: Record<string, unknown>[]) => objects.map((o) => o.spec as Spec);
/** Where each object is (`environment/network`): the environment names the only key that reaches it. */
const where = (objects: Record<string, unknown>[]) =>
  specs(objects)
    .map((s) => `${s.environment.id}/${s.network.id}`)
    .sort();
const at = (...places: (typeof A)[]) => places.map((p) => `${p.environment}/${p.network}`).sort();

describe.each(PROGRAMS)("two keys in one $language program", ({ files, build }) => {
  let project: NativeProject;
  const output = (r: { stdout: string; stderr: string }) => `${r.stdout}\n${r.stderr}`;
  const setSecret = (key: string, value: string) => project.ok("config", "set", "--secret", key, value);

  beforeAll(async () => {
    project = await nativeProject(files);
    await build(project.dir);
    const secrets = {
      teamAKey: TEAM_A.key,
      teamASecret: TEAM_A.secret,
      teamBKey: TEAM_B.key,
      // Team B's secret starts wrong: the first up creates with it.
      teamBSecret: WRONG_B,
      orgKey: ORG.key,
      orgSecret: ORG.secret,
    };
    const plain = { endpoint: project.emulator.url, description: "made by two teams" };
    await project.ok(
      "config",
      "set-all",
      ...Object.entries(secrets).flatMap(([key, value]) => ["--secret", `${key}=${value}`]),
      ...Object.entries(plain).flatMap(([key, value]) => ["--plaintext", `${key}=${value}`]),
    );
    await project.admin.seed({
      environments: [C, D].map((e) => ({ id: e.environment, networks: [{ id: e.network }] })),
    });
    // Only these keys: the stack's default key (confluentnetworklink:apiKey) is refused.
    await project.admin.setCredentials([TEAM_A, TEAM_B, ORG]);
  });
  afterAll(async () => project?.close());

  it("fails team B's creates with a 401 naming its provider, and makes team A's service and the component", async () => {
    // Each side goes as far as it can: one failure does not stop the other side's steps.
    const failed = await project.pulumi("up", "--yes", "--continue-on-error");
    expect(failed.code).not.toBe(0);
    const text = output(failed);
    expect(text).toMatch(/401/);
    expect(text).toContain(hint("teamB"));
    expect(text).not.toContain("provider 'teamA'");
    expect(text).not.toContain("provider 'org'");
    expect(text).not.toContain("confluentcloud:");

    const state = await project.admin.state();
    // Team A's service, the component's service (D) and endpoint (C); nothing of team B's, and no
    // endpoint to team B's service (it does not exist).
    expect(where(state.services)).toEqual(at(A, D));
    expect(where(state.endpoints)).toEqual(at(C));
  });

  it("with team B's secret set right, makes each side with its own provider's key", async () => {
    await setSecret("teamBSecret", TEAM_B.secret);
    await project.ok("up", "--yes");
    const state = await project.admin.state();
    // Key A reaches environment A only, key B environment B only, the organization's key C and D
    // only (the component's endpoint in C, its service in D), the default key none.
    expect(where(state.services)).toEqual(at(A, B, D));
    expect(where(state.endpoints)).toEqual(at(A, B, C));
    expect(JSON.parse(await project.ok("stack", "output", "--json"))).toEqual({
      aToB: "READY",
      bToA: "READY",
      orgLink: true,
    });
    await project.ok("preview", "--expect-no-changes");
  });

  it("fails team A's update with a 401 naming its provider, and updates team B's side", async () => {
    await setSecret("teamASecret", WRONG_A);
    await project.ok("config", "set", "description", "edited by both teams");
    const failed = await project.pulumi("up", "--yes", "--continue-on-error");
    expect(failed.code).not.toBe(0);
    const text = output(failed);
    expect(text).toMatch(/401/);
    expect(text).toContain(hint("teamA"));
    expect(text).not.toContain("provider 'teamB'");
    const description = async (network: string) =>
      specs((await project.admin.state()).services).find((s) => s.network.id === network)?.description;
    expect(await description(A.network)).toBe("made by two teams");
    expect(await description(B.network)).toBe("edited by both teams");

    // Back to the right key for the harness's destroy.
    await setSecret("teamASecret", TEAM_A.secret);
  });

  it("keeps every key and secret, right or wrong, out of the state, the export and the CLI's output", async () => {
    await expectNoCredentials(project, [
      ...[TEAM_A, TEAM_B, ORG].flatMap((c) => [c.key, c.secret]),
      WRONG_A,
      WRONG_B,
    ]);
  });
});
