import {
  GO_MODULE,
  NODEJS_SDK_PACKAGE,
  NUGET_PACKAGE,
  NUGET_ROOT_NAMESPACE,
  PLUGIN,
  PLUGIN_DOWNLOAD_URL,
  PUBLISHER,
  PYPI_PACKAGE,
  REPOSITORY_URL,
} from "../package-identity";
import { VERSION } from "../version";
import { RETIREMENT_GUIDE_URL } from "../retirement";
import { functions } from "./function-schemas";

// The Pulumi package schema of the native provider: what every language's SDK, YAML programs and
// `pulumi import` see. Property names and meanings are the dynamic resources' (provider/resources).

export const PACKAGE = PLUGIN;
export const TOKENS = {
  service: `${PACKAGE}:index:NetworkLinkService`,
  endpoint: `${PACKAGE}:index:NetworkLinkEndpoint`,
  networkLink: `${PACKAGE}:index:NetworkLink`,
  bidirectional: `${PACKAGE}:index:BidirectionalNetworkLink`,
  mesh: `${PACKAGE}:index:NetworkLinkMesh`,
} as const;

/**
 * The one retirement notice of each description users read first (each resource's and component's),
 * dated as the guide's facts are (Confluent's docs as of 2026-12-07).
 */
// The guide by its repository URL (retirement.ts): SDK docs and registry pages have no relative links.
export const RETIREMENT_NOTICE =
  "Network links are being retired (as of 2026-12-07): fully deprecated by December 31, 2026; in nine AWS " +
  "regions cluster linking between Dedicated clusters over AWS PrivateLink no longer needs them. Read " +
  `[Retiring network links](${RETIREMENT_GUIDE_URL}) before creating new ones.`;

/** The package's description is shown raw by npm, PyPI and NuGet, so the guide is a bare URL there. */
const PACKAGE_NOTICE = `Network links are being retired (as of 2026-12-07; fully by December 31, 2026): see ${RETIREMENT_GUIDE_URL}`;

/** A resource's or component's description, then the notice as its own paragraph. */
const withNotice = (description: string): string => `${description}\n\n${RETIREMENT_NOTICE}`;

type Property = Record<string, unknown>;
const str = (description: string): Property => ({ type: "string", description });
const int = (description: string): Property => ({ type: "integer", description });
const bool = (description: string): Property => ({ type: "boolean", description });
const ref = (token: string, description: string): Property => ({ $ref: `#/types/${token}`, description });
const resourceRef = (token: string, description: string): Property => ({
  $ref: `#/resources/${token}`,
  description,
});
const stringMap = (description: string): Property => ({
  type: "object",
  additionalProperties: { type: "string" },
  description,
});

const ID_REFERENCE = `${PACKAGE}:index:IdReference`;
const ACCEPT = `${PACKAGE}:index:ServiceAccept`;
const SERVICE_REFERENCE = `${PACKAGE}:index:ServiceReference`;
const NETWORK_SIDE = `${PACKAGE}:index:NetworkSide`;
const MESH_NETWORK = `${PACKAGE}:index:MeshNetwork`;

const types = {
  [ID_REFERENCE]: {
    type: "object",
    description: 'A reference by ID: `{ id: "env-…" }` or `{ id: "n-…" }`.',
    properties: { id: str("The ID.") },
    required: ["id"],
  },
  [ACCEPT]: {
    type: "object",
    description: "Who may connect to a service. Order does not matter.",
    properties: {
      environments: { type: "array", items: { type: "string" }, description: "Environment IDs (`env-…`)." },
      networks: { type: "array", items: { type: "string" }, description: "Network IDs (`n-…`)." },
    },
  },
  [SERVICE_REFERENCE]: {
    type: "object",
    description: "The target network's service.",
    properties: {
      id: str("The service ID, `nls-…`."),
      environment: str("The service's environment, when it differs from the endpoint's."),
      network: str("The service's network, when known; lets the inputs be checked before any API call."),
    },
    required: ["id"],
  },
  [NETWORK_SIDE]: {
    type: "object",
    description: "A Private Link network and its environment.",
    properties: {
      environment: ref(ID_REFERENCE, "The network's environment. Changing it replaces the resources in it."),
      network: ref(ID_REFERENCE, "The network. Changing it replaces the resources in it."),
    },
    required: ["environment", "network"],
  },
  [MESH_NETWORK]: {
    type: "object",
    description: "A network of a mesh.",
    properties: {
      environment: ref(ID_REFERENCE, "The network's environment."),
      network: ref(ID_REFERENCE, "The network."),
      name: str("Key of this network in resource names and outputs. Default: its index."),
    },
    required: ["environment", "network"],
  },
};

const common = {
  displayName: str("Name shown in Confluent Cloud. Default: the resource name. Updated in place."),
  description: str("Free-text description, up to 255 characters. Updated in place; left alone when unset."),
  readyTimeoutSeconds: int("How long create waits for READY before failing. Default 3600 s."),
  deleteTimeoutSeconds: int("How long delete waits for the object to be gone. Default 1800 s."),
};

const reported = {
  resourceName: str("The object's CRN."),
  phase: str("The phase the API last reported."),
  errorCode: str("The API's error code, when it reports one."),
  errorMessage: str("The API's error message, when it reports one."),
};

const serviceInputs = {
  environment: ref(ID_REFERENCE, "The environment of the target network. Changing this forces replacement."),
  network: ref(ID_REFERENCE, "The target network that hosts the service. Changing this forces replacement."),
  ...common,
  accept: ref(ACCEPT, "Who may connect. Removing an entry disconnects that side's endpoints for good."),
  adoptExistingId: str(
    "ID (`nls-…`) of an existing service to bring under this stack instead of creating one.",
  ),
};

const endpointInputs = {
  environment: ref(ID_REFERENCE, "The environment of the origin network. Changing this forces replacement."),
  network: ref(ID_REFERENCE, "The origin network that hosts the endpoint. Changing this forces replacement."),
  networkLinkService: ref(
    SERVICE_REFERENCE,
    "The target network's service. Changing this forces replacement.",
  ),
  ...common,
  allowPendingAccept: bool("Finish without waiting while the service has not accepted this endpoint."),
  adoptExistingId: str(
    "ID (`nle-…`) of an existing endpoint to bring under this stack instead of creating one.",
  ),
};

const linkSettings = {
  description: str("Description of every service and endpoint created."),
  allowPendingAccept: bool("Let `pulumi up` finish while an endpoint waits for its service to accept it."),
  readyTimeoutSeconds: int(
    "How long each service and endpoint waits for READY when created. Default 3600 s.",
  ),
  displayNamePrefix: str(
    "Prefix of the display names shown in Confluent Cloud. Default: the component's name.",
  ),
};

const phases = stringMap("The last phase of each resource.");
const ready = bool("True when every endpoint is READY.");

const credentials = {
  apiKey: { ...str("Confluent Cloud API key (or CONFLUENT_CLOUD_API_KEY)."), secret: true },
  apiSecret: { ...str("Confluent Cloud API secret (or CONFLUENT_CLOUD_API_SECRET)."), secret: true },
  endpoint: str(
    "Base URL of the Confluent Cloud API (or CONFLUENT_CLOUD_ENDPOINT). Default https://api.confluent.cloud.",
  ),
};

/** The package schema, as the provider serves it and the SDK generator reads it. */
export function packageSchema(version: string = VERSION): Record<string, unknown> {
  return {
    name: PACKAGE,
    displayName: "Confluent Network Link",
    version,
    description: `Confluent Cloud Network Linking: services, endpoints and link topologies. ${PACKAGE_NOTICE}`,
    license: "Apache-2.0",
    keywords: ["pulumi", "confluent", "network-link", "category/network"],
    homepage: REPOSITORY_URL,
    repository: REPOSITORY_URL,
    publisher: PUBLISHER,
    // Lets `pulumi up` of any SDK's program download the plugin it needs (GitHub releases).
    pluginDownloadURL: PLUGIN_DOWNLOAD_URL,
    // Without it the engine asks the loader for version 0.0.0 of an imported package and fails.
    meta: { moduleFormat: "(.*)", supportPack: false },
    config: { variables: credentials },
    provider: { description: "The Confluent Network Link provider.", inputProperties: credentials },
    types,
    resources: {
      [TOKENS.service]: {
        description: withNotice(
          "A Network Link Service in the target network: the side that accepts connections.",
        ),
        inputProperties: serviceInputs,
        requiredInputs: ["environment", "network"],
        properties: { ...serviceInputs, ...reported },
        required: ["environment", "network", "displayName", "accept", "resourceName", "phase"],
      },
      [TOKENS.endpoint]: {
        description: withNotice(
          "A Network Link Endpoint in the origin network, connected to a target network's service.",
        ),
        inputProperties: endpointInputs,
        requiredInputs: ["environment", "network", "networkLinkService"],
        properties: { ...endpointInputs, ...reported },
        required: ["environment", "network", "networkLinkService", "displayName", "resourceName", "phase"],
      },
      [TOKENS.networkLink]: {
        isComponent: true,
        description: withNotice(
          "A one-way network link: clients in the origin network reach the target network.",
        ),
        inputProperties: {
          origin: ref(NETWORK_SIDE, "The network that connects: it gets the endpoint."),
          target: ref(NETWORK_SIDE, "The network connected to: it gets the service."),
          ...linkSettings,
        },
        requiredInputs: ["origin", "target"],
        properties: {
          service: resourceRef(TOKENS.service, "The service in the target network."),
          endpoint: resourceRef(TOKENS.endpoint, "The endpoint in the origin network."),
          phases,
          ready,
        },
        required: ["service", "endpoint", "phases", "ready"],
      },
      [TOKENS.bidirectional]: {
        isComponent: true,
        description: withNotice("Network links both ways between two Private Link networks."),
        inputProperties: {
          a: ref(NETWORK_SIDE, "One network: it gets a service and the endpoint of direction a→b."),
          b: ref(NETWORK_SIDE, "The other network: it gets a service and the endpoint of direction b→a."),
          ...linkSettings,
        },
        requiredInputs: ["a", "b"],
        properties: {
          aService: resourceRef(TOKENS.service, "The service in network a."),
          bService: resourceRef(TOKENS.service, "The service in network b."),
          aToB: resourceRef(TOKENS.endpoint, "The endpoint in network a, connected to bService."),
          bToA: resourceRef(TOKENS.endpoint, "The endpoint in network b, connected to aService."),
          phases,
          ready,
        },
        required: ["aService", "bService", "aToB", "bToA", "phases", "ready"],
      },
      [TOKENS.mesh]: {
        isComponent: true,
        description: withNotice("Every network linked to every other."),
        inputProperties: {
          networks: { type: "array", items: ref(MESH_NETWORK, ""), description: "The networks to link." },
          existingLinkCount: int("Network links the organization already holds outside this mesh."),
          ...linkSettings,
        },
        requiredInputs: ["networks"],
        properties: {
          services: {
            type: "object",
            additionalProperties: resourceRef(TOKENS.service, ""),
            description: "The service of each network, by network name.",
          },
          endpoints: {
            type: "object",
            additionalProperties: resourceRef(TOKENS.endpoint, ""),
            description: "The endpoint of each ordered pair, keyed `<from>-to-<to>`.",
          },
          phases,
          ready,
        },
        required: ["services", "endpoints", "phases", "ready"],
      },
    },
    functions,
    language: {
      nodejs: { packageName: NODEJS_SDK_PACKAGE, respectSchemaVersion: true },
      // pyproject.toml rather than setup.py.
      python: { packageName: PYPI_PACKAGE, respectSchemaVersion: true, pyproject: { enabled: true } },
      go: {
        importBasePath: GO_MODULE,
        respectSchemaVersion: true,
        generateResourceContainerTypes: true,
      },
      csharp: {
        // Namespace and NuGet package ID NUGET_PACKAGE (see package-identity.ts).
        rootNamespace: NUGET_ROOT_NAMESPACE,
        namespaces: { [PACKAGE]: NUGET_PACKAGE.slice(NUGET_ROOT_NAMESPACE.length + 1) },
        // The range the C# generator of pkg/v3 v3.224.0 targets (its Utilities.cs needs
        // InvokeOutputOptions, Pulumi 3.71+); NuGet restores the lowest match, 3.76.1.
        packageReferences: { Pulumi: "[3.76.1,4)" },
        respectSchemaVersion: true,
      },
    },
  };
}
