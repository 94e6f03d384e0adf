import { execFileSync } from "node:child_process";
import { DEFAULT_CREDENTIALS } from "confluent-network-link-emulator";
import { NetworkingClient } from "../../provider/client/networking";
import { USER_AGENT } from "../../provider/version";
import {
  exported,
  GO_SDK_MODULE,
  goProjectFiles,
  NativeProject,
  nativeProject,
} from "../../harness/native-project";

// The lookups as functions of the package schema, through the real CLI: a YAML program's `fn::invoke`
// and a Go program's LookupNetworkLinkService / LookupNetworkLinkEndpoint (the Go SDK in sdk/go) read
// objects another team made on the emulator, by ID, by network and by display name, with the stack's
// provider and with an explicit provider whose key the emulator limits to one environment.

const A = "env-aaaaa1";
const B = "env-bbbbb1";
/** Team A's key reaches environment A only: a read of environment B with it is refused (403). */
const TEAM_A = { key: "LOOKUP_TEAM_A_KEY", secret: "lookup-team-a-secret-3e8f", environments: [A] };
const NAME = "native-lookups";

/** Objects made by "the other team", straight through the API. */
interface Theirs {
  service: string;
  twin: string;
  bService: string;
  endpoint: string;
}

async function makeTheirs(project: NativeProject): Promise<Theirs> {
  const api = new NetworkingClient({
    endpoint: project.emulator.url,
    apiKey: DEFAULT_CREDENTIALS.key,
    apiSecret: DEFAULT_CREDENTIALS.secret,
    userAgent: USER_AGENT,
  });
  const service = (environment: string, network: string, name: string) =>
    api.createService({
      spec: {
        environment: { id: environment },
        network: { id: network },
        display_name: name,
        description: "their side",
        accept: { environments: [], networks: ["n-bbbbb1"] },
      },
    });
  // Two services of environment A carry the same name: a lookup by that name is ambiguous.
  const [s, twin, bService] = await Promise.all([
    service(A, "n-aaaaa1", "shared"),
    service(A, "n-aaaaa2", "shared"),
    service(B, "n-bbbbb2", "b-service"),
  ]);
  const endpoint = await api.createEndpoint({
    spec: {
      environment: { id: B },
      network: { id: "n-bbbbb1" },
      network_link_service: { id: s.id },
      display_name: "b-to-a",
    },
  });
  return { service: s.id, twin: twin.id, bService: bService.id, endpoint: endpoint.id };
}

const invoke = (name: string, fn: string, args: string, provider?: string) => `
  ${name}:
    fn::invoke:
      function: confluentnetworklink:index:${fn}
      arguments:${args}${provider ? `\n      options:\n        provider: \${${provider}}` : ""}`;

const yamlProgram = (variables: string[], outputs: string[]) => `name: ${NAME}
runtime: yaml
config:
  teamAKey: { type: string }
  teamASecret: { type: string }
  endpoint: { type: string }
resources:
  teamA:
    type: pulumi:providers:confluentnetworklink
    properties:
      apiKey: \${teamAKey}
      apiSecret: \${teamASecret}
      endpoint: \${endpoint}
variables:${variables.join("")}
outputs:
${outputs.map((name) => `  ${name}: \${${name}}`).join("\n")}
`;

const goProgram = `package main

import (
	cnl "${GO_SDK_MODULE}"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		conf := config.New(ctx, "")
		envA := cnl.IdReference{Id: "${A}"}
		byNetwork, err := cnl.LookupNetworkLinkService(ctx, &cnl.LookupNetworkLinkServiceArgs{
			Environment: envA,
			Network:     &cnl.IdReference{Id: "n-aaaaa1"},
		})
		if err != nil {
			return err
		}
		endpoint, err := cnl.LookupNetworkLinkEndpoint(ctx, &cnl.LookupNetworkLinkEndpointArgs{
			Environment: cnl.IdReference{Id: "${B}"},
			Id:          pulumi.StringRef(conf.Require("endpointId")),
		})
		if err != nil {
			return err
		}
		teamA, err := cnl.NewProvider(ctx, "teamA", &cnl.ProviderArgs{
			ApiKey:    conf.RequireSecret("teamAKey"),
			ApiSecret: conf.RequireSecret("teamASecret"),
			Endpoint:  pulumi.String(conf.Require("endpoint")),
		})
		if err != nil {
			return err
		}
		withTeamA, err := cnl.LookupNetworkLinkService(ctx, &cnl.LookupNetworkLinkServiceArgs{
			Environment: envA,
			Id:          pulumi.StringRef(byNetwork.Id),
		}, pulumi.Provider(teamA))
		if err != nil {
			return err
		}
		byName := cnl.LookupNetworkLinkServiceOutput(ctx, cnl.LookupNetworkLinkServiceOutputArgs{
			Environment: cnl.IdReferenceArgs{Id: pulumi.String("${B}")},
			DisplayName: pulumi.String("b-service"),
		})
		ctx.Export("serviceByNetwork", pulumi.Map{
			"id":       pulumi.String(byNetwork.Id),
			"accept":   pulumi.ToStringArray(byNetwork.Accept.Networks),
			"networks": pulumi.String(byNetwork.Networks[0].Id),
			"phase":    pulumi.String(byNetwork.Phase),
		})
		ctx.Export("endpointById", pulumi.Map{
			"id":          pulumi.String(endpoint.Id),
			"service":     pulumi.String(endpoint.NetworkLinkService.Id),
			"network":     pulumi.String(endpoint.Network.Id),
			"displayName": pulumi.String(endpoint.DisplayName),
			"phase":       pulumi.String(endpoint.Phase),
		})
		ctx.Export("withTeamA", pulumi.String(withTeamA.Id))
		ctx.Export("byName", byName.Id())
		ctx.Export("byNameNetwork", byName.Network().Id())
		return nil
	})
}
`;

describe("lookups as functions of the native provider, through the CLI", () => {
  let project: NativeProject;
  let theirs: Theirs;
  beforeAll(async () => {
    project = await nativeProject(
      { ...goProjectFiles(NAME, goProgram), "Pulumi.yaml": `name: ${NAME}\nruntime: yaml\n` },
      { delays: { serviceProvisioningMs: 0, endpointProvisioningMs: 0, deprovisioningMs: 0 } },
    );
    theirs = await makeTheirs(project);
    await project.admin.setCredentials([DEFAULT_CREDENTIALS, TEAM_A]);
    await project.ok("config", "set", "--secret", "teamAKey", TEAM_A.key);
    await project.ok("config", "set", "--secret", "teamASecret", TEAM_A.secret);
    await project.ok("config", "set", "endpoint", project.emulator.url);
    await project.ok("config", "set", "endpointId", theirs.endpoint);
  });
  afterAll(async () => project?.close());

  /** Fails unless neither team A's key nor its secret appears in the CLI's output or the state. */
  async function expectNoTeamKey(): Promise<void> {
    const { text } = await exported(project);
    const places = [
      ...project.stateFiles().map((f) => ({ where: f.path, text: f.text })),
      { where: "pulumi stack export", text },
      { where: "CLI output", text: project.transcript.join("\n") },
    ];
    const leaks = places.flatMap((p) =>
      [TEAM_A.key, TEAM_A.secret].filter((v) => p.text.includes(v)).map((v) => `${v} in ${p.where}`),
    );
    expect(leaks).toEqual([]);
  }

  it("YAML: fn::invoke of both functions by id, network and display name, with the stack's and an explicit provider", async () => {
    project.write(
      "Pulumi.yaml",
      yamlProgram(
        [
          invoke(
            "serviceById",
            "getNetworkLinkService",
            `\n        environment: { id: ${A} }\n        id: ${theirs.service}`,
          ),
          invoke(
            "serviceByNetwork",
            "getNetworkLinkService",
            `\n        environment: { id: ${A} }\n        network: { id: n-aaaaa1 }`,
          ),
          invoke(
            "serviceByName",
            "getNetworkLinkService",
            `\n        environment: { id: ${B} }\n        displayName: b-service`,
          ),
          invoke(
            "endpointById",
            "getNetworkLinkEndpoint",
            `\n        environment: { id: ${B} }\n        id: ${theirs.endpoint}`,
          ),
          invoke(
            "endpointByNetwork",
            "getNetworkLinkEndpoint",
            `\n        environment: { id: ${B} }\n        network: { id: n-bbbbb1 }\n        networkLinkService: { id: ${theirs.service} }`,
          ),
          invoke(
            "serviceWithTeamA",
            "getNetworkLinkService",
            `\n        environment: { id: ${A} }\n        id: ${theirs.service}`,
            "teamA",
          ),
        ],
        [
          "serviceById",
          "serviceByNetwork",
          "serviceByName",
          "endpointById",
          "endpointByNetwork",
          "serviceWithTeamA",
        ],
      ),
    );
    await project.ok("up", "--yes");
    const out = JSON.parse(await project.ok("stack", "output", "--json"));
    const service = {
      id: theirs.service,
      displayName: "shared",
      description: "their side",
      environment: { id: A },
      network: { id: "n-aaaaa1" },
      networks: [{ id: "n-aaaaa1" }],
      accept: { environments: [], networks: ["n-bbbbb1"] },
      resourceName: expect.stringContaining(`network-link-service=${theirs.service}`),
      phase: "READY",
    };
    expect(out.serviceById).toEqual(service);
    expect(out.serviceByNetwork).toEqual(service);
    expect(out.serviceWithTeamA).toEqual(service);
    expect(out.serviceByName).toEqual(
      expect.objectContaining({ id: theirs.bService, network: { id: "n-bbbbb2" }, phase: "READY" }),
    );
    const endpoint = {
      id: theirs.endpoint,
      displayName: "b-to-a",
      description: "",
      environment: { id: B },
      network: { id: "n-bbbbb1" },
      networks: [{ id: "n-bbbbb1" }],
      networkLinkService: { id: theirs.service },
      networkLinkServices: [{ id: theirs.service }],
      resourceName: expect.stringContaining(`network-link-endpoint=${theirs.endpoint}`),
      phase: "READY",
    };
    expect(out.endpointById).toEqual(endpoint);
    expect(out.endpointByNetwork).toEqual(endpoint);
    // A lookup reads: the stack holds providers (the default one, teamA) and nothing the API made.
    const { resources } = await exported(project);
    expect(resources.filter((r) => !r.type.startsWith("pulumi:"))).toEqual([]);
    expect(resources.map((r) => r.urn.split("::").pop()).sort()).toEqual([
      expect.stringMatching(/^default/),
      `${NAME}-dev`,
      "teamA",
    ]);
  });

  it.each([
    [
      "a display name two services carry",
      () =>
        invoke(
          "found",
          "getNetworkLinkService",
          `\n        environment: { id: ${A} }\n        displayName: shared`,
        ),
      () =>
        `getNetworkLinkService: 2 found for display name 'shared' in environment ${A} (${[theirs.service, theirs.twin].sort().join(", ")}): look it up by id`,
    ],
    [
      "a network without an endpoint",
      () =>
        invoke(
          "found",
          "getNetworkLinkEndpoint",
          `\n        environment: { id: ${A} }\n        network: { id: n-aaaaa2 }`,
        ),
      () => `getNetworkLinkEndpoint: nothing found for network n-aaaaa2 in environment ${A}`,
    ],
    [
      "an explicit provider whose key cannot read the environment",
      () =>
        invoke(
          "found",
          "getNetworkLinkEndpoint",
          `\n        environment: { id: ${B} }\n        id: ${theirs.endpoint}`,
          "teamA",
        ),
      () => `getNetworkLinkEndpoint: reading network link endpoint ${theirs.endpoint}: 403 user_unauthorized`,
    ],
  ])("YAML: %s fails the preview with a message naming the function", async (_case, variable, expected) => {
    project.write("Pulumi.yaml", yamlProgram([variable()], ["found"]));
    const preview = await project.pulumi("preview");
    expect(preview.code).not.toBe(0);
    expect(`${preview.stdout}\n${preview.stderr}`).toContain(expected());
  });

  it("Go: LookupNetworkLinkService / LookupNetworkLinkEndpoint, plain and as Outputs, with the stack's and an explicit provider", async () => {
    project.write("Pulumi.yaml", `name: ${NAME}\nruntime: go\n`);
    execFileSync("go", ["mod", "tidy"], { cwd: project.dir, stdio: "inherit" });
    await project.ok("up", "--yes");
    const out = JSON.parse(await project.ok("stack", "output", "--json"));
    expect(out).toEqual({
      serviceByNetwork: { id: theirs.service, accept: ["n-bbbbb1"], networks: "n-aaaaa1", phase: "READY" },
      endpointById: {
        id: theirs.endpoint,
        service: theirs.service,
        network: "n-bbbbb1",
        displayName: "b-to-a",
        phase: "READY",
      },
      withTeamA: theirs.service,
      byName: theirs.bService,
      byNameNetwork: "n-bbbbb2",
    });
    await expectNoTeamKey();
    await project.ok("destroy", "--yes");
    // Destroying the reading stack leaves the other team's objects alone.
    const state = await project.admin.state();
    expect(state.services.map((s) => s.id).sort()).toEqual(
      [theirs.service, theirs.twin, theirs.bService].sort(),
    );
    expect(state.endpoints.map((e) => e.id)).toEqual([theirs.endpoint]);
  });
});
