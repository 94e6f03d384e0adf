import { DEFAULT_CREDENTIALS } from "confluent-network-link-emulator";
import { exported, NativeProject, nativeProject } from "../../harness/native-project";

// Two teams, two Cloud API keys, one YAML program: each side of a bidirectional link is made by an
// explicit provider (`pulumi:providers:confluentnetworklink`) with its own key. The emulator scopes
// each key to its team's environment and no longer accepts the stack's default key, so a side made
// with any other key than its provider's fails: every object created proves which key made it.

const A = { environment: "env-aaaaa1", network: "n-aaaaa2" };
const B = { environment: "env-bbbbb1", network: "n-bbbbb1" };
const TEAM_A = { key: "TEAM_A_KEY", secret: "team-a-secret-4d1f", environments: [A.environment] };
const TEAM_B = { key: "TEAM_B_KEY", secret: "team-b-secret-9c2e", environments: [B.environment] };
/** An organization-wide key, given to a component: its children are made with it. */
const ORG = { key: "ORG_KEY", secret: "org-secret-5b7a" };

const side = (from: typeof A, to: typeof A, team: string, target: string, description: string) => `
  ${team}Service:
    type: confluentnetworklink:index:NetworkLinkService
    properties:
      environment: { id: ${from.environment} }
      network: { id: ${from.network} }
      description: ${description}
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

const provider = (team: string) => `
  ${team}:
    type: pulumi:providers:confluentnetworklink
    properties:
      apiKey: \${${team}Key}
      apiSecret: \${${team}Secret}
      endpoint: \${endpoint}
`;

const program = (description: string) => `name: native-explicit
runtime: yaml
config:
  teamAKey: { type: string }
  teamASecret: { type: string }
  teamBKey: { type: string }
  teamBSecret: { type: string }
  orgKey: { type: string }
  orgSecret: { type: string }
  endpoint: { type: string }
resources:
${provider("teamA")}${provider("teamB")}${provider("org")}
  orgLink:
    type: confluentnetworklink:index:NetworkLink
    properties:
      origin: { environment: { id: ${A.environment} }, network: { id: n-aaaaa1 } }
      target: { environment: { id: ${B.environment} }, network: { id: n-bbbbb2 } }
    options:
      provider: \${org}${side(A, B, "teamA", "teamB", description)}${side(B, A, "teamB", "teamA", description)}
outputs:
  aToB: \${teamAEndpoint.phase}
  bToA: \${teamBEndpoint.phase}
  orgLink: \${orgLink.ready}
`;

/** Fails naming where one of the keys or secrets appears: the state, the export, the CLI's output. */
async function expectNoTeamCredentials(project: NativeProject): Promise<void> {
  const { text } = await exported(project);
  const places = [
    ...project.stateFiles().map((f) => ({ where: f.path, text: f.text })),
    { where: "pulumi stack export", text },
    { where: "CLI output", text: project.transcript.join("\n") },
  ];
  const values = [TEAM_A.key, TEAM_A.secret, TEAM_B.key, TEAM_B.secret, ORG.key, ORG.secret];
  const leaks = places.flatMap((p) =>
    values.filter((v) => p.text.includes(v)).map((v) => `${v} in ${p.where}`),
  );
  expect(leaks).toEqual([]);
}

describe("native provider: explicit providers, one key each", () => {
  let project: NativeProject;
  beforeAll(async () => {
    project = await nativeProject({ "Pulumi.yaml": program("made by two teams") });
    await project.ok("config", "set", "--secret", "teamAKey", TEAM_A.key);
    await project.ok("config", "set", "--secret", "teamASecret", TEAM_A.secret);
    await project.ok("config", "set", "--secret", "teamBKey", TEAM_B.key);
    await project.ok("config", "set", "--secret", "teamBSecret", TEAM_B.secret);
    await project.ok("config", "set", "--secret", "orgKey", ORG.key);
    await project.ok("config", "set", "--secret", "orgSecret", ORG.secret);
    await project.ok("config", "set", "endpoint", project.emulator.url);
    // Only these keys: the stack's default key (confluentnetworklink:apiKey) is refused.
    await project.admin.setCredentials([TEAM_A, TEAM_B, ORG]);
  });
  afterAll(async () => project?.close());

  it("makes each side with its own provider's key, and a wrong key fails only that side, naming its provider", async () => {
    await project.ok("up", "--yes");
    const state = await project.admin.state();
    const where = (objects: Record<string, unknown>[]) =>
      objects.map((o) => (o.spec as { environment: { id: string } }).environment.id).sort();
    // Key A reaches environment A only, key B environment B only, the default key neither; the
    // component's service (B) and endpoint (A) were made with the organization's key.
    expect(where(state.services)).toEqual([A.environment, B.environment, B.environment]);
    expect(where(state.endpoints)).toEqual([A.environment, A.environment, B.environment]);
    expect(JSON.parse(await project.ok("stack", "output", "--json"))).toEqual({
      aToB: "READY",
      bToA: "READY",
      orgLink: true,
    });
    await project.ok("preview", "--expect-no-changes");

    // Team B's secret goes wrong; both sides' descriptions change. Side A is updated, side B fails
    // with the API's 401, which names team B's provider.
    await project.ok("config", "set", "--secret", "teamBSecret", "not-team-b-secret-71aa");
    project.write("Pulumi.yaml", program("edited by both teams"));
    // Each side goes as far as it can: one failure does not stop the other side's steps.
    const failed = await project.pulumi("up", "--yes", "--continue-on-error");
    expect(failed.code).not.toBe(0);
    const output = `${failed.stdout}\n${failed.stderr}`;
    expect(output).toMatch(/401/);
    expect(output).toContain("Check `apiKey` of provider 'teamB' / `apiSecret` of provider 'teamB'");
    expect(output).not.toContain("confluentcloud:");
    expect(output).not.toContain("not-team-b-secret-71aa");
    const after = await project.admin.state();
    const description = (network: string) =>
      after.services.find((s) => (s.spec as { network: { id: string } }).network.id === network)?.spec as {
        description?: string;
      };
    expect(description(A.network).description).toBe("edited by both teams");
    expect(description(B.network).description).toBe("made by two teams");

    await project.ok("config", "set", "--secret", "teamBSecret", TEAM_B.secret);
    await project.ok("up", "--yes");
    await project.ok("preview", "--expect-no-changes");
    await expectNoTeamCredentials(project);
  });

  it("tells a provider without a key to set its own inputs, and the default provider its stack config", async () => {
    const orphan = `name: native-explicit
runtime: yaml
resources:
  teamC:
    type: pulumi:providers:confluentnetworklink
    properties:
      endpoint: ${project.emulator.url}
  cService:
    type: confluentnetworklink:index:NetworkLinkService
    properties:
      environment: { id: ${A.environment} }
      network: { id: n-aaaaa1 }
    options:
      provider: \${teamC}
`;
    const saved = await project.ok("stack", "export");
    project.write("Pulumi.yaml", orphan);
    const explicit = await project.pulumi("preview");
    expect(explicit.code).not.toBe(0);
    expect(`${explicit.stdout}${explicit.stderr}`).toContain(
      "the Cloud API key is not set: set the `apiKey` input of provider 'teamC' or export CONFLUENT_CLOUD_API_KEY",
    );

    project.write(
      "Pulumi.yaml",
      orphan.replace(/  teamC:[\s\S]*?(?=  cService:)/, "").replace(/    options:[\s\S]*$/, ""),
    );
    await project.ok("config", "rm", "confluentnetworklink:apiKey");
    await project.ok("config", "rm", "confluentnetworklink:apiSecret");
    const byDefault = await project.pulumi("preview");
    expect(byDefault.code).not.toBe(0);
    const text = `${byDefault.stdout}${byDefault.stderr}`;
    expect(text).toContain(
      "the Cloud API key is not set: run `pulumi config set --secret confluentnetworklink:apiKey <value>` or export CONFLUENT_CLOUD_API_KEY",
    );
    expect(text).not.toContain("confluentcloud:");

    // Back to the two-team program for the harness's destroy.
    await project.ok("config", "set", "--secret", "confluentnetworklink:apiKey", DEFAULT_CREDENTIALS.key);
    await project.ok(
      "config",
      "set",
      "--secret",
      "confluentnetworklink:apiSecret",
      DEFAULT_CREDENTIALS.secret,
    );
    project.write("Pulumi.yaml", program("made by two teams"));
    expect(JSON.parse(await project.ok("stack", "export")).deployment.resources).toHaveLength(
      JSON.parse(saved).deployment.resources.length,
    );
  });
});
