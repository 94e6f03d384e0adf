// The functions of the package schema: the lookups, with their inputs and outputs.
import { LOOKUP_NAMES } from "../lookups-core";
import { PLUGIN } from "../package-identity";

// The functions of the package schema: the lookups of provider/lookups-core.ts, which every SDK
// generates (Go names them LookupNetworkLinkService / LookupNetworkLinkEndpoint, as it does any `get`
// beside a resource of the same name). Inputs and outputs are the TypeScript lookups' Args and Result,
// but for `credentials`: a function takes its key from the provider it is invoked with.

export const FUNCTION_TOKENS = {
  service: `${PLUGIN}:index:${LOOKUP_NAMES.service}`,
  endpoint: `${PLUGIN}:index:${LOOKUP_NAMES.endpoint}`,
} as const;

// Types of the package schema (schema.ts) these functions use.
const ID_REFERENCE = `#/types/${PLUGIN}:index:IdReference`;
const ACCEPT = `#/types/${PLUGIN}:index:ServiceAccept`;

type Property = Record<string, unknown>;
const str = (description: string): Property => ({ type: "string", description });
const reference = (description: string): Property => ({ $ref: ID_REFERENCE, description });
const references = (description: string): Property => ({
  type: "array",
  items: { $ref: ID_REFERENCE },
  description,
});

/** The outputs both functions return alike. */
const common = {
  id: str("The object's ID: `nls-…` or `nle-…`."),
  displayName: str("The name shown in Confluent Cloud."),
  description: str('The free-text description ("" when it has none).'),
  environment: reference("The object's environment."),
  network: reference("The network that holds the object."),
  networks: references("The same network as a one-element list, as `@pulumi/confluentcloud` returns it."),
  resourceName: str("The object's CRN."),
};
const commonRequired = Object.keys(common);

const KEY_NOTE =
  "The API key is the provider's: an explicit provider (`apiKey`, `apiSecret`) or the stack's " +
  "`confluentnetworklink:*` config.";

export const functions = {
  [FUNCTION_TOKENS.service]: {
    description:
      "Reads one network link service, for stacks that use a service another team manages: by `id`, " +
      "or by the `network` that holds it, or by `displayName` (exactly one of them, besides " +
      `\`environment\`). ${KEY_NOTE}`,
    inputs: {
      type: "object",
      properties: {
        environment: reference('The service\'s environment: `{ id: "env-…" }`.'),
        id: str("The service ID, `nls-…`."),
        network: reference("The network that holds the service (a network holds at most one)."),
        displayName: str(
          "The service's display name; fails when several services in the environment carry it.",
        ),
      },
      required: ["environment"],
    },
    outputs: {
      type: "object",
      description: "A network link service as plain data.",
      properties: {
        ...common,
        accept: { $ref: ACCEPT, description: "Who may connect: environment and network IDs, sorted." },
        phase: str("The phase the API reports."),
      },
      required: [...commonRequired, "accept", "phase"],
    },
  },
  [FUNCTION_TOKENS.endpoint]: {
    description:
      "Reads one network link endpoint, e.g. to check from the service's stack that the other team's " +
      "endpoint is READY: by `id`, or by its `network` (with `networkLinkService` when the network " +
      `holds several endpoints), besides \`environment\`. ${KEY_NOTE}`,
    inputs: {
      type: "object",
      properties: {
        environment: reference('The endpoint\'s environment: `{ id: "env-…" }`.'),
        id: str("The endpoint ID, `nle-…`."),
        network: reference("The origin network that holds the endpoint."),
        networkLinkService: reference(
          "The service the endpoint points at; picks one when the network holds several endpoints.",
        ),
      },
      required: ["environment"],
    },
    outputs: {
      type: "object",
      description: "A network link endpoint as plain data.",
      properties: {
        ...common,
        networkLinkService: reference("The service the endpoint connects to."),
        networkLinkServices: references(
          "The same service as a one-element list, as `@pulumi/confluentcloud` returns it.",
        ),
        phase: str("The phase the API reports."),
      },
      required: [...commonRequired, "networkLinkService", "networkLinkServices", "phase"],
    },
  },
};
