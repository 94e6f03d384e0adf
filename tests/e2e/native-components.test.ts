import { exported, NativeProject, nativeProject } from "../../harness/native-project";

// The other two components the provider constructs, NetworkLink and NetworkLinkMesh, from a YAML
// program: their children are made, READY, preview clean, and each child's engine record of the call
// stack that registered it is the one frame of the provider's short registration.

const program = `name: native-components
runtime: yaml
resources:
  one-way:
    type: confluentnetworklink:index:NetworkLink
    properties:
      origin: { environment: { id: env-aaaaa1 }, network: { id: n-aaaaa1 } }
      target: { environment: { id: env-bbbbb1 }, network: { id: n-bbbbb1 } }
  mesh:
    type: confluentnetworklink:index:NetworkLinkMesh
    properties:
      networks:
        - { name: x, environment: { id: env-aaaaa1 }, network: { id: n-aaaaa2 } }
        - { name: y, environment: { id: env-bbbbb1 }, network: { id: n-bbbbb2 } }
outputs:
  linkReady: \${one-way.ready}
  linkPhases: \${one-way.phases}
  meshReady: \${mesh.ready}
  meshPhases: \${mesh.phases}
`;

describe("native NetworkLink and NetworkLinkMesh from a YAML program", () => {
  let project: NativeProject;
  beforeAll(async () => {
    project = await nativeProject({ "Pulumi.yaml": program });
  });
  afterAll(async () => project?.close());

  it("creates every child, previews clean, and records a short stack for each", async () => {
    await project.ok("up", "--yes");
    const outputs = JSON.parse(await project.ok("stack", "output", "--json"));
    expect(outputs).toMatchObject({ linkReady: true, meshReady: true });
    expect(outputs.linkPhases).toEqual({ service: "READY", endpoint: "READY" });
    expect(outputs.meshPhases).toEqual({
      "x-service": "READY",
      "y-service": "READY",
      "x-to-y": "READY",
      "y-to-x": "READY",
    });
    const state = await project.admin.state();
    expect(state.services).toHaveLength(3);
    expect(state.endpoints).toHaveLength(3);

    const { resources } = await exported(project);
    const children = resources.filter((r) => /index:(NetworkLink|NetworkLinkMesh)\$/.test(r.urn));
    expect(children).toHaveLength(6);
    for (const child of children) {
      const positioned = (child.stackTrace ?? []).filter((frame) => frame.sourcePosition);
      expect({ urn: child.urn, frames: positioned.length }).toEqual({ urn: child.urn, frames: 1 });
    }

    await project.ok("preview", "--expect-no-changes");
  });
});
