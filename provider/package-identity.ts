// The names this project is known by, decided once. The native schema (and through it every SDK's
// metadata), the harness and the docs read them from here; package.json and emulator/package.json
// cannot import, so tests/unit/package-identity.test.ts holds them to these values.
//
// Names that are stored in users' state must never change: the npm package (the serialized dynamic
// providers `require()` it by name, provider/resources/forwarder.ts) and the plugin (the type of the
// native provider's resources and of its default provider).

/** The GitHub organization: a placeholder until the project has a home of its own. */
export const ORGANIZATION = "pulumi-confluent-network-link";
/** `<organization>/<repository>` on GitHub. */
export const REPOSITORY = `${ORGANIZATION}/pulumi-confluent-network-link`;
export const REPOSITORY_URL = `https://github.com/${REPOSITORY}`;
/** Who publishes the packages (the schema's publisher, the NuGet authors). */
export const PUBLISHER = ORGANIZATION;

/**
 * Where the engine downloads the plugin when a program needs a version not installed: the GitHub
 * releases of the repository, assets named `pulumi-resource-<plugin>-v<version>-<os>-<arch>.tar.gz`.
 */
export const PLUGIN_DOWNLOAD_URL = `github://api.github.com/${REPOSITORY}`;

/** The Pulumi package and plugin name: type tokens, config keys (`confluentnetworklink:apiKey`). */
export const PLUGIN = "confluentnetworklink";

/** npm: the dynamic resources and components (stored in state: never rename). */
export const NPM_PACKAGE = "pulumi-confluent-network-link";
/** npm: the emulator; its command has the package's name, so `npx <it>` runs this package. */
export const EMULATOR_PACKAGE = "confluent-network-link-emulator";
/** npm: the generated Node.js SDK of the native provider (sdk/nodejs). */
export const NODEJS_SDK_PACKAGE = `@${ORGANIZATION}/native`;
/** PyPI: the generated Python SDK (sdk/python); also its import name. */
export const PYPI_PACKAGE = "pulumi_confluentnetworklink";
/**
 * Go: the generated Go SDK's module. Its go.mod is in sdk/go/confluentnetworklink, so its releases are
 * the tags `sdk/go/confluentnetworklink/vX.Y.Z`.
 */
export const GO_MODULE = `github.com/${REPOSITORY}/sdk/go/${PLUGIN}`;
/**
 * NuGet: the generated .NET SDK's package ID and root namespace. The publisher comes first, as
 * nuget.org reserves the `Pulumi.` prefix for Pulumi's own packages.
 */
export const NUGET_ROOT_NAMESPACE = "PulumiConfluentNetworkLink";
export const NUGET_PACKAGE = `${NUGET_ROOT_NAMESPACE}.ConfluentNetworkLink`;
