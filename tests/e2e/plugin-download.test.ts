import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { pluginTarball } from "../../harness/native-plugin";
import { nativeProject, type NativeProject, PLUGIN_VERSION } from "../../harness/native-project";
import { repoRoot } from "../../harness/offline";

// The plugin installs itself: a YAML program names the package's release location (the GitHub
// releases of the repository, as the schema's pluginDownloadURL does) and no plugin is installed. The
// CLI downloads the release asset of this machine's platform, here from a server on 127.0.0.1 that
// serves the built assets: PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES (read by the pinned CLI's
// sdk/go/common/workspace/plugins.go) points the GitHub location at it.

const repository: string = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")).repository
  .url;
const [, owner, repo] = /github\.com\/([^/]+)\/([^/.]+)/.exec(repository) ?? [];
const releases = `github://api.github.com/${owner}/${repo}`;

const program = `name: plugin-download
runtime: yaml
resources:
  link:
    type: confluentnetworklink:index:BidirectionalNetworkLink
    properties:
      a:
        environment: { id: env-aaaaa1 }
        network: { id: n-aaaaa1 }
      b:
        environment: { id: env-bbbbb1 }
        network: { id: n-bbbbb1 }
    options:
      version: ${PLUGIN_VERSION}
      pluginDownloadURL: ${releases}
outputs:
  ready: \${link.ready}
`;

/** Serves the files of `dir` under /releases/, recording each request's path. */
async function assetServer(
  dir: string,
): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? "");
    const name = decodeURIComponent((req.url ?? "").replace(/^\/releases\//, ""));
    const file = path.join(dir, path.basename(name));
    if (req.method !== "GET" || !req.url?.startsWith("/releases/") || !fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/gzip", "content-length": fs.statSync(file).size });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/releases`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe("the plugin downloads itself", () => {
  let project: NativeProject;
  let server: Awaited<ReturnType<typeof assetServer>>;
  let asset: string;
  beforeAll(async () => {
    const tarball = await pluginTarball("sea");
    asset = path.basename(tarball);
    server = await assetServer(path.dirname(tarball));
    project = await nativeProject(
      { "Pulumi.yaml": program },
      {
        plugin: "none",
        env: {
          PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: undefined,
          PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES: `^${releases}=${server.url}`,
        },
      },
    );
  });
  afterAll(async () => {
    await project?.close();
    await server?.close();
  });

  it("runs a YAML program to READY with no plugin installed, the CLI fetching the release asset", async () => {
    const home = path.join(path.dirname(project.backendDir), "home");
    const pluginDir = path.join(home, "plugins", `resource-confluentnetworklink-v${PLUGIN_VERSION}`);
    expect(fs.existsSync(pluginDir)).toBe(false);
    expect(asset).toMatch(
      /^pulumi-resource-confluentnetworklink-v[\w.-]+-(linux|darwin|windows)-(amd64|arm64)\.tar\.gz$/,
    );

    await project.ok("up", "--yes");
    const outputs = JSON.parse(await project.ok("stack", "output", "--json"));
    expect(outputs.ready).toBe(true);
    expect(server.requests).toContain(`/releases/${asset}`);
    expect(fs.readdirSync(pluginDir)).toContain("pulumi-resource-confluentnetworklink");

    await project.ok("preview", "--expect-no-changes");
    await project.ok("destroy", "--yes");
    expect((await project.admin.state()).endpoints).toHaveLength(0);
  });
});
