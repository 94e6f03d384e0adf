import { NativeProject, nativeProject } from "../../harness/native-project";

// The engine's custom timeouts (`options: customTimeouts`) bound a native resource's wait like its
// own readyTimeoutSeconds, the smaller winning, and the failure says which one ended the wait.

const program = (readyTimeoutSeconds: number, timeouts: string) => `name: native-timeouts
runtime: yaml
resources:
  slow:
    type: confluentnetworklink:index:NetworkLinkService
    properties:
      environment: { id: env-bbbbb1 }
      network: { id: n-bbbbb1 }
      readyTimeoutSeconds: ${readyTimeoutSeconds}
    options:
      customTimeouts: ${timeouts}
`;

describe("native provider: custom timeouts", () => {
  let project: NativeProject;
  beforeAll(async () => {
    project = await nativeProject({ "Pulumi.yaml": program(30, "{ create: 2s }") });
    // Provisioning outlasts every bound below.
    await project.admin.setDelays({ serviceProvisioningMs: 120_000 });
  });
  afterAll(async () => {
    await project?.admin.setDelays({ serviceProvisioningMs: 0 });
    await project?.close();
  });

  it("ends a create at the smaller customTimeouts and an update's wait at the smaller readyTimeoutSeconds", async () => {
    const started = Date.now();
    const create = await project.pulumi("up", "--yes");
    expect(create.code).not.toBe(0);
    expect(create.stdout).toMatch(
      /still PROVISIONING after 2s: the create timeout of 2s \(customTimeouts\) ended the wait/,
    );
    expect(Date.now() - started).toBeLessThan(30_000);

    // Created but not ready: the next up resumes the wait, now bounded by readyTimeoutSeconds 3.
    project.write("Pulumi.yaml", program(3, "{ create: 1m, update: 1m }"));
    const update = await project.pulumi("up", "--yes");
    expect(update.code).not.toBe(0);
    expect(update.stdout).toMatch(/still PROVISIONING after 3s: readyTimeoutSeconds 3 ended the wait/);
    expect(update.stdout).not.toMatch(/customTimeouts/);
  });
});
