import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { buildPythonSdk, createVenv, exec, startLocalPypi, type LocalPypi } from "../../harness/local-pypi";
import {
  expectNoCredentials,
  exported,
  nativeProject,
  PLUGIN_VERSION,
  type NativeProject,
} from "../../harness/native-project";
import { repoRoot } from "../../harness/offline";
import { PLUGIN, PLUGIN_DOWNLOAD_URL } from "../../provider/package-identity";

// The Python SDK as users get it: its sdist and wheel built with `python -m build`, uploaded with twine
// to a package index (pypiserver on 127.0.0.1), installed with pip into a fresh virtual environment
// next to Pulumi's Python SDK from pypi.org, and a Python program run by the real CLI and the Python
// language host: a BidirectionalNetworkLink to READY, the two lookups, a clean preview, a destroy.

/** Pulumi's Python SDK, tested with the CLI v3.274.1 and the Python language host of sdk/v3 v3.68.0. */
const PULUMI_PYTHON_VERSION = "3.272.0";
const DIST_NAME = "pulumi_confluentnetworklink";

const mainPy = `import pulumi
import pulumi_confluentnetworklink as cnl


def side(environment: str, network: str) -> cnl.NetworkSideArgs:
    return cnl.NetworkSideArgs(
        environment=cnl.IdReferenceArgs(id=environment),
        network=cnl.IdReferenceArgs(id=network),
    )


link = cnl.BidirectionalNetworkLink(
    "link",
    a=side("env-aaaaa1", "n-aaaaa1"),
    b=side("env-bbbbb1", "n-bbbbb1"),
    description="made by a Python program",
)

pulumi.export("ready", link.ready)
pulumi.export("phases", link.phases)
pulumi.export("bToA", link.b_to_a.apply(lambda endpoint: endpoint.id))
pulumi.export("aService", link.a_service.apply(lambda service: service.id))

# The lookups, as a stack that uses another team's objects would call them: the service by the network
# that holds it, the endpoint by its ID. Their inputs come from the link, so they run once it exists.
by_network = cnl.get_network_link_service_output(
    environment=cnl.IdReferenceArgs(id="env-aaaaa1"),
    network=link.a_service.apply(lambda service: service.network),
)
by_id = cnl.get_network_link_endpoint_output(
    environment=link.b_to_a.apply(lambda endpoint: endpoint.environment),
    id=link.b_to_a.apply(lambda endpoint: endpoint.id),
)
pulumi.export("serviceByNetwork", {"id": by_network.id, "phase": by_network.phase})
pulumi.export("endpointById", {"id": by_id.id, "phase": by_id.phase})
`;

interface PipReport {
  install: { metadata: { name: string; version: string }; download_info: { url: string } }[];
}

describe("the Python SDK from a package index", () => {
  const work = path.join(repoRoot, ".pulumi-state", `python-sdk-${randomBytes(4).toString("hex")}`);
  let pypi: LocalPypi | undefined;
  let built: string[] = [];
  let report: PipReport;
  let venv: string;
  let project: NativeProject;

  beforeAll(async () => {
    fs.mkdirSync(work, { recursive: true });
    [built, pypi] = await Promise.all([buildPythonSdk(work), startLocalPypi(work)]);
    await pypi.upload(built);
    venv = path.join(work, "venv");
    const venvPython = await createVenv(venv);
    // Our package from the local index; `pulumi` and its dependencies from pypi.org.
    const reportFile = path.join(work, "pip-report.json");
    await exec(venvPython, [
      "-m",
      "pip",
      "install",
      "--index-url",
      pypi.indexUrl,
      "--extra-index-url",
      "https://pypi.org/simple",
      "--report",
      reportFile,
      `${DIST_NAME}==${PLUGIN_VERSION}`,
      `pulumi==${PULUMI_PYTHON_VERSION}`,
    ]);
    report = JSON.parse(fs.readFileSync(reportFile, "utf8"));
    project = await nativeProject(
      { "Pulumi.yaml": "name: native-python\nruntime: python\n", "__main__.py": mainPy },
      // What `source venv/bin/activate` does: the language host runs the `python3` it finds first.
      { env: { PATH: path.join(venv, "bin"), VIRTUAL_ENV: venv } },
    );
  });
  afterAll(async () => {
    await project?.close();
    await pypi?.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it("builds an sdist and a wheel, which the index serves after a twine upload", async () => {
    expect(built.map((file) => path.basename(file))).toEqual([
      `${DIST_NAME}-${PLUGIN_VERSION}-py3-none-any.whl`,
      `${DIST_NAME}-${PLUGIN_VERSION}.tar.gz`,
    ]);
    expect(fs.readdirSync(pypi!.packagesDir).sort()).toEqual(built.map((file) => path.basename(file)));
    const page = await (await fetch(`${pypi!.indexUrl}pulumi-confluentnetworklink/`)).text();
    for (const file of built) expect(page).toContain(path.basename(file));
  });

  it("pip installs the package from the local index and pulumi from pypi.org", () => {
    const installed = new Map(report.install.map((i) => [i.metadata.name.toLowerCase(), i]));
    const ours = installed.get("pulumi-confluentnetworklink") ?? installed.get(DIST_NAME);
    expect(ours?.metadata.version).toBe(PLUGIN_VERSION);
    expect(ours?.download_info.url).toMatch(
      new RegExp(
        `^${pypi!.indexUrl.replace("/simple/", "")}/packages/${DIST_NAME}-${PLUGIN_VERSION}-py3-none-any\\.whl`,
      ),
    );
    expect(installed.get("pulumi")?.metadata.version).toBe(PULUMI_PYTHON_VERSION);
    expect(installed.get("pulumi")?.download_info.url).toMatch(/^https:\/\/files\.pythonhosted\.org\//);
  });

  it("installs the package with the plugin's name and version, which the language host reads", async () => {
    const printed = await exec(path.join(venv, "bin", "python"), [
      "-c",
      "import pathlib, pulumi_confluentnetworklink as p; d = pathlib.Path(p.__file__).parent; " +
        "print(d); print((d / 'pulumi-plugin.json').read_text())",
    ]);
    const [dir, ...json] = printed.split("\n");
    expect(dir.startsWith(path.join(venv, "lib"))).toBe(true);
    expect(JSON.parse(json.join("\n"))).toEqual({
      resource: true,
      name: PLUGIN,
      version: PLUGIN_VERSION,
      // Where the CLI downloads the plugin from when it is not installed.
      server: PLUGIN_DOWNLOAD_URL,
    });
  });

  it("runs a Python program: a bidirectional link to READY, the lookups, a clean preview, a destroy", async () => {
    await project.ok("up", "--yes");
    const outputs = JSON.parse(await project.ok("stack", "output", "--json"));
    expect(outputs.ready).toBe(true);
    expect(outputs.phases).toEqual({ aService: "READY", bService: "READY", aToB: "READY", bToA: "READY" });
    const { resources } = await exported(project);
    const endpoints = resources.filter((r) => r.type === "confluentnetworklink:index:NetworkLinkEndpoint");
    expect(endpoints.map((r) => r.id)).toContain(outputs.bToA);
    expect(endpoints).toHaveLength(2);
    // The lookups, served by the provider through invoke, see the objects the link made.
    expect(outputs.serviceByNetwork).toEqual({ id: outputs.aService, phase: "READY" });
    expect(outputs.endpointById).toEqual({ id: outputs.bToA, phase: "READY" });

    await project.ok("preview", "--expect-no-changes");
    await expectNoCredentials(project);

    await project.ok("destroy", "--yes");
    const emptied = await project.admin.state();
    expect(emptied.services).toHaveLength(0);
    expect(emptied.endpoints).toHaveLength(0);
  });
});
