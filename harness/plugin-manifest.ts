// The manifest the plugin build (scripts/build-plugin.ts) writes beside its tarballs, as the harness and
// the bench read it: here, below both, so that neither imports the build script.

export interface BuiltAsset {
  platform: string;
  asset: string;
  executable: string;
  /** The tarball, bytes. */
  packedBytes: number;
  /** The executable, bytes: what the plugin takes once installed. */
  unpackedBytes: number;
  /** darwin only: whether the binary carries a (ad-hoc) signature again. */
  signed?: boolean;
}

export interface PluginBuild {
  version: string;
  nodeVersion: string;
  /** The bundled provider, bytes. */
  bundleBytes: number;
  assets: BuiltAsset[];
}
