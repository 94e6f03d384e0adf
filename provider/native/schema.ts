// The Pulumi package schema of the native provider, which every SDK is generated from.
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
import { DESCRIPTIONS } from "./descriptions";
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

/** A property's type in the schema, without its description (the builder adds that). */
type Shape = Record<string, unknown>;
const STRING: Shape = { type: "string" };
const INTEGER: Shape = { type: "integer" };
const BOOLEAN: Shape = { type: "boolean" };
const SECRET: Shape = { type: "string", secret: true };
const ref = (token: string): Shape => ({ $ref: `#/types/${token}` });
const resourceRef = (token: string): Shape => ({ $ref: `#/resources/${token}` });
const STRINGS: Shape = { type: "array", items: STRING };

const ID_REFERENCE = `${PACKAGE}:index:IdReference`;
const ACCEPT = `${PACKAGE}:index:ServiceAccept`;
const SERVICE_REFERENCE = `${PACKAGE}:index:ServiceReference`;
const NETWORK_SIDE = `${PACKAGE}:index:NetworkSide`;
const MESH_NETWORK = `${PACKAGE}:index:MeshNetwork`;

/** An object type of the schema: what it is, and its properties' types. */
interface TypeSpec {
  description: string;
  properties: Record<string, Shape>;
  required?: string[];
}

/** A resource or component of the schema; a resource's outputs are its inputs and `outputs`. */
interface ResourceSpec {
  description: string;
  isComponent?: boolean;
  inputs: Record<string, Shape>;
  requiredInputs: string[];
  outputs: Record<string, Shape>;
  required: string[];
}

const TYPES: Record<string, TypeSpec> = {
  [ID_REFERENCE]: {
    description: 'A reference by ID: `{ id: "env-…" }` or `{ id: "n-…" }`.',
    properties: { id: STRING },
    required: ["id"],
  },
  [ACCEPT]: {
    description: "Who may connect to a service. Order does not matter.",
    properties: { environments: STRINGS, networks: STRINGS },
  },
  [SERVICE_REFERENCE]: {
    description: "The target network's service.",
    properties: { id: STRING, environment: STRING, network: STRING },
    required: ["id"],
  },
  [NETWORK_SIDE]: {
    description: "A Private Link network and its environment.",
    properties: { environment: ref(ID_REFERENCE), network: ref(ID_REFERENCE) },
    required: ["environment", "network"],
  },
  [MESH_NETWORK]: {
    description: "A network of a mesh.",
    properties: { environment: ref(ID_REFERENCE), network: ref(ID_REFERENCE), name: STRING },
    required: ["environment", "network"],
  },
};

const TIMEOUTS = { readyTimeoutSeconds: INTEGER, deleteTimeoutSeconds: INTEGER };
const NAMING = { displayName: STRING, description: STRING };
const REPORTED = { resourceName: STRING, phase: STRING, errorCode: STRING, errorMessage: STRING };
const LINK_SETTINGS = {
  description: STRING,
  allowPendingAccept: BOOLEAN,
  readyTimeoutSeconds: INTEGER,
  displayNamePrefix: STRING,
};
const STATUS = { phases: { type: "object", additionalProperties: STRING }, ready: BOOLEAN };

const RESOURCES: Record<string, ResourceSpec> = {
  [TOKENS.service]: {
    description: "A Network Link Service in the target network: the side that accepts connections.",
    inputs: {
      environment: ref(ID_REFERENCE),
      network: ref(ID_REFERENCE),
      ...NAMING,
      ...TIMEOUTS,
      accept: ref(ACCEPT),
      adoptExistingId: STRING,
    },
    requiredInputs: ["environment", "network"],
    outputs: REPORTED,
    required: ["environment", "network", "displayName", "accept", "resourceName", "phase"],
  },
  [TOKENS.endpoint]: {
    description: "A Network Link Endpoint in the origin network, connected to a target network's service.",
    inputs: {
      environment: ref(ID_REFERENCE),
      network: ref(ID_REFERENCE),
      networkLinkService: ref(SERVICE_REFERENCE),
      ...NAMING,
      ...TIMEOUTS,
      allowPendingAccept: BOOLEAN,
      adoptExistingId: STRING,
    },
    requiredInputs: ["environment", "network", "networkLinkService"],
    outputs: REPORTED,
    required: ["environment", "network", "networkLinkService", "displayName", "resourceName", "phase"],
  },
  [TOKENS.networkLink]: {
    isComponent: true,
    description: "A one-way network link: clients in the origin network reach the target network.",
    inputs: { origin: ref(NETWORK_SIDE), target: ref(NETWORK_SIDE), ...LINK_SETTINGS },
    requiredInputs: ["origin", "target"],
    outputs: { service: resourceRef(TOKENS.service), endpoint: resourceRef(TOKENS.endpoint), ...STATUS },
    required: ["service", "endpoint", "phases", "ready"],
  },
  [TOKENS.bidirectional]: {
    isComponent: true,
    description: "Network links both ways between two Private Link networks.",
    inputs: { a: ref(NETWORK_SIDE), b: ref(NETWORK_SIDE), ...LINK_SETTINGS },
    requiredInputs: ["a", "b"],
    outputs: {
      aService: resourceRef(TOKENS.service),
      bService: resourceRef(TOKENS.service),
      aToB: resourceRef(TOKENS.endpoint),
      bToA: resourceRef(TOKENS.endpoint),
      ...STATUS,
    },
    required: ["aService", "bService", "aToB", "bToA", "phases", "ready"],
  },
  [TOKENS.mesh]: {
    isComponent: true,
    description: "Every network linked to every other.",
    inputs: {
      networks: { type: "array", items: { ...ref(MESH_NETWORK), description: "" } },
      existingLinkCount: INTEGER,
      ...LINK_SETTINGS,
    },
    requiredInputs: ["networks"],
    outputs: {
      services: { type: "object", additionalProperties: { ...resourceRef(TOKENS.service), description: "" } },
      endpoints: {
        type: "object",
        additionalProperties: { ...resourceRef(TOKENS.endpoint), description: "" },
      },
      ...STATUS,
    },
    required: ["services", "endpoints", "phases", "ready"],
  },
};

const CREDENTIALS = { apiKey: SECRET, apiSecret: SECRET, endpoint: STRING };

/**
 * Descriptions of the properties no TypeScript declaration documents (the rest come from the TSDoc,
 * through descriptions.ts).
 */
const OWN_DESCRIPTIONS: Record<string, string> = {
  "IdReference.id": "The ID.",
  "config.apiKey": "Confluent Cloud API key (or CONFLUENT_CLOUD_API_KEY).",
  "config.apiSecret": "Confluent Cloud API secret (or CONFLUENT_CLOUD_API_SECRET).",
  "config.endpoint":
    "Base URL of the Confluent Cloud API (or CONFLUENT_CLOUD_ENDPOINT). Default https://api.confluent.cloud.",
};

/** The description of property `name` of schema object `object` (a token's last part, or "config"). */
export function descriptionOf(object: string, name: string): string {
  const key = `${object}.${name}`;
  const text = DESCRIPTIONS[key] ?? OWN_DESCRIPTIONS[key];
  if (text === undefined) {
    throw new Error(
      `the schema's ${key} has no description: document it in its TypeScript declaration and run ` +
        "scripts/tsdoc-descriptions.ts, or add it to OWN_DESCRIPTIONS",
    );
  }
  return text;
}

/** Properties with their descriptions. */
function described(object: string, shapes: Record<string, Shape>): Record<string, Shape> {
  return Object.fromEntries(
    Object.entries(shapes).map(([name, { secret, ...shape }]) => [
      name,
      { ...shape, description: descriptionOf(object, name), ...(secret ? { secret } : {}) },
    ]),
  );
}

const objectName = (token: string) => token.split(":").pop() as string;

function buildTypes(): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(TYPES).map(([token, spec]) => [
      token,
      { type: "object", ...spec, properties: described(objectName(token), spec.properties) },
    ]),
  );
}

function buildResource(token: string, spec: ResourceSpec): Record<string, unknown> {
  const name = objectName(token);
  const inputs = described(name, spec.inputs);
  const outputs = described(name, spec.outputs);
  return {
    ...(spec.isComponent ? { isComponent: true } : {}),
    description: withNotice(spec.description),
    inputProperties: inputs,
    requiredInputs: spec.requiredInputs,
    // A resource reports its inputs back; a component's outputs are its children and status.
    properties: spec.isComponent ? outputs : { ...inputs, ...outputs },
    required: spec.required,
  };
}

/** What each language's SDK generator is told. */
const LANGUAGE = {
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
};

/** The package schema, as the provider serves it and the SDK generator reads it. */
export function packageSchema(version: string = VERSION): Record<string, unknown> {
  const credentials = described("config", CREDENTIALS);
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
    types: buildTypes(),
    resources: Object.fromEntries(
      Object.entries(RESOURCES).map(([token, spec]) => [token, buildResource(token, spec)]),
    ),
    functions,
    language: LANGUAGE,
  };
}
