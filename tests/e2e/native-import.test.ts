import { DEFAULT_CREDENTIALS } from "../../emulator";
import { NetworkingClient } from "../../provider/client/networking";
import { expectNoCredentials, exported, NativeProject, nativeProject } from "../../harness/native-project";

// `pulumi import` of a service and an endpoint made by hand (import ID `<environment>/<id>`), then
// the program that describes them previews with no change, and destroy deletes them.

// Two networks of the emulator's default seed.
const origin = { environment: "env-aaaaa1", network: "n-aaaaa1" };
const target = { environment: "env-bbbbb1", network: "n-bbbbb1" };

async function untilReady(read: () => Promise<{ status: { phase: string } }>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await read()).status.phase === "READY") return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the hand-made object never became READY");
}

const adopted = (serviceId: string) => `name: native-import
runtime: yaml
resources:
  svc:
    type: confluentnetworklink:index:NetworkLinkService
    properties:
      environment: { id: ${target.environment} }
      network: { id: ${target.network} }
      displayName: by-hand-service
      description: made in the console
      accept:
        environments: []
        networks: [${origin.network}]
  ep:
    type: confluentnetworklink:index:NetworkLinkEndpoint
    properties:
      environment: { id: ${origin.environment} }
      network: { id: ${origin.network} }
      displayName: by-hand-endpoint
      networkLinkService: { id: ${serviceId} }
`;

describe("pulumi import of native resources", () => {
  let project: NativeProject;
  beforeAll(async () => {
    project = await nativeProject({ "Pulumi.yaml": "name: native-import\nruntime: yaml\n" });
  });
  afterAll(async () => project?.close());

  it("imports a service and an endpoint made by hand; their program previews clean", async () => {
    const client = new NetworkingClient({
      endpoint: project.emulator.url,
      apiKey: DEFAULT_CREDENTIALS.key,
      apiSecret: DEFAULT_CREDENTIALS.secret,
      userAgent: "native-import-test",
    });
    const service = await client.create("service", {
      spec: {
        environment: { id: target.environment },
        network: { id: target.network },
        display_name: "by-hand-service",
        description: "made in the console",
        accept: { environments: [], networks: [origin.network] },
      },
    });
    await untilReady(() => client.read("service", target.environment, service.id));
    const endpoint = await client.create("endpoint", {
      spec: {
        environment: { id: origin.environment },
        network: { id: origin.network },
        display_name: "by-hand-endpoint",
        network_link_service: { id: service.id },
      },
    });
    await untilReady(() => client.read("endpoint", origin.environment, endpoint.id));

    const typeOf = (kind: string) => `confluentnetworklink:index:${kind}`;
    await project.ok(
      "import",
      typeOf("NetworkLinkService"),
      "svc",
      `${target.environment}/${service.id}`,
      "--yes",
      "--protect=false",
      "--generate-code=false",
    );
    await project.ok(
      "import",
      typeOf("NetworkLinkEndpoint"),
      "ep",
      `${origin.environment}/${endpoint.id}`,
      "--yes",
      "--protect=false",
      "--generate-code=false",
    );

    const { resources } = await exported(project);
    const byType = (kind: string) => resources.find((r) => r.type === typeOf(kind));
    expect(byType("NetworkLinkService")).toMatchObject({
      id: service.id,
      outputs: { displayName: "by-hand-service", phase: "READY", accept: { networks: [origin.network] } },
    });
    expect(byType("NetworkLinkEndpoint")).toMatchObject({
      id: endpoint.id,
      outputs: { networkLinkService: { id: service.id }, phase: "READY" },
    });

    // A bad import ID fails naming the form, before any API call.
    const bad = await project.pulumi(
      "import",
      typeOf("NetworkLinkService"),
      "other",
      service.id,
      "--yes",
      "--generate-code=false",
    );
    expect(bad.code).not.toBe(0);
    expect(bad.stdout + bad.stderr).toContain("<environment ID>/<service ID>");

    project.write("Pulumi.yaml", adopted(service.id));
    await project.ok("preview", "--expect-no-changes");
    await expectNoCredentials(project);

    await project.ok("destroy", "--yes");
    const state = await project.admin.state();
    expect(state.services).toHaveLength(0);
    expect(state.endpoints).toHaveLength(0);
  });
});
