/**
 * Issue 24 item 5: the native schema's property descriptions and the TSDoc of the TypeScript Args and
 * classes are one text (the schema's come from provider/native/descriptions.ts, generated from the
 * TSDoc), and every limit either states is the provider's own constant.
 */
import { largestMesh, MAX_ENDPOINTS_PER_NETWORK, MAX_NETWORK_LINKS_PER_ORGANIZATION } from "../../provider";
import { DESCRIPTIONS } from "../../provider/native/descriptions";
import { packageSchema } from "../../provider/native/schema";
import { LIMITS } from "../../provider/lifecycle/validation";
import { readDescriptions } from "../../scripts/tsdoc-descriptions";

// Read once, at load: the TypeScript compiler takes longer than a unit test's timeout.
const tsdoc = readDescriptions();

interface SchemaProperty {
  description?: string;
}
type SchemaObject = Record<string, Record<string, SchemaProperty> | undefined>;

/** Every property description of the schema, keyed `Object.property` as descriptions.ts is. */
function schemaDescriptions(): Record<string, string | undefined> {
  const schema = packageSchema() as {
    config: { variables: Record<string, SchemaProperty> };
    types: Record<string, SchemaObject>;
    resources: Record<string, SchemaObject>;
  };
  const out: Record<string, string | undefined> = {};
  const add = (object: string, properties: Record<string, SchemaProperty> | undefined) => {
    for (const [name, property] of Object.entries(properties ?? {})) {
      out[`${object}.${name}`] = property.description;
    }
  };
  add("config", schema.config.variables);
  for (const [token, type] of Object.entries(schema.types)) add(token.split(":").pop()!, type.properties);
  for (const [token, resource] of Object.entries(schema.resources)) {
    add(token.split(":").pop()!, resource.inputProperties);
    add(token.split(":").pop()!, resource.properties);
  }
  return out;
}

const schema = schemaDescriptions();

describe("one text for the schema and the TSDoc", () => {
  it("descriptions.ts is what the TSDoc says now (else run scripts/tsdoc-descriptions.ts)", () => {
    expect(DESCRIPTIONS).toEqual(tsdoc);
  });

  it("every schema property declared in TypeScript has its TSDoc as description", () => {
    const declared = Object.keys(schema).filter((key) => key in tsdoc);
    // Every input and output of the 2 resources and 3 components, and the 4 input types' properties.
    expect(declared.length).toBeGreaterThanOrEqual(60);
    const differing = declared
      .filter((key) => schema[key] !== tsdoc[key])
      .map((key) => `${key}\n  schema: ${schema[key]}\n  TSDoc:  ${tsdoc[key]}`);
    expect(differing).toEqual([]);
  });

  it("only the properties with no TypeScript declaration have descriptions of their own", () => {
    const own = Object.keys(schema).filter((key) => !(key in tsdoc));
    expect(own.sort()).toEqual(["IdReference.id", "config.apiKey", "config.apiSecret", "config.endpoint"]);
    expect(own.filter((key) => !schema[key])).toEqual([]);
  });
});

/** A limit a description may state, and the constant it must be. */
const LIMIT_PHRASES: { phrase: RegExp; value: number; constant: string }[] = [
  {
    phrase: /up to (\d+) characters/g,
    value: LIMITS.descriptionLength,
    constant: "LIMITS.descriptionLength",
  },
  { phrase: /1 to (\d+) characters/g, value: LIMITS.displayNameLength, constant: "LIMITS.displayNameLength" },
  {
    phrase: /(\d+) to \d+ seconds/g,
    value: LIMITS.timeoutSeconds.min,
    constant: "LIMITS.timeoutSeconds.min",
  },
  {
    phrase: /\d+ to (\d+) seconds/g,
    value: LIMITS.timeoutSeconds.max,
    constant: "LIMITS.timeoutSeconds.max",
  },
  {
    phrase: /listed once; at most (\d+)/g,
    value: LIMITS.acceptListItems,
    constant: "LIMITS.acceptListItems",
  },
  {
    phrase: /at most (\d+) endpoints/gi,
    value: MAX_ENDPOINTS_PER_NETWORK,
    constant: "MAX_ENDPOINTS_PER_NETWORK",
  },
  {
    phrase: /(\d+) endpoints per network/gi,
    value: MAX_ENDPOINTS_PER_NETWORK,
    constant: "MAX_ENDPOINTS_PER_NETWORK",
  },
  {
    phrase: /(?:limit of|organization's) (\d+)/g,
    value: MAX_NETWORK_LINKS_PER_ORGANIZATION,
    constant: "MAX_NETWORK_LINKS_PER_ORGANIZATION",
  },
  { phrase: /at least 2 and at most (\d+)/g, value: largestMesh(0), constant: "largestMesh(0)" },
];

/** Each limit a text states that is not its constant, as `key: "phrase" but constant is N`. */
function wrongLimits(texts: Record<string, string | undefined>): string[] {
  return Object.entries(texts).flatMap(([key, text]) =>
    LIMIT_PHRASES.flatMap(({ phrase, value, constant }) =>
      [...(text ?? "").matchAll(phrase)]
        .filter((match) => Number(match[1]) !== value)
        .map((match) => `${key}: "${match[0]}" but ${constant} is ${value}`),
    ),
  );
}

describe("the limits the descriptions state", () => {
  it.each([
    ["the TSDoc", tsdoc],
    ["the schema", schema],
  ])("in %s, are the provider's constants", (_, texts) => {
    expect(wrongLimits(texts)).toEqual([]);
  });

  it.each([
    ["the TSDoc", tsdoc],
    ["the schema", schema],
  ])("in %s, every description input states the description limit", (_, texts) => {
    const inputs = Object.keys(texts).filter((key) => key.endsWith(".description"));
    // The 2 resources and the 3 components.
    expect(inputs).toHaveLength(5);
    const silent = inputs.filter(
      (key) => !texts[key]!.includes(`up to ${LIMITS.descriptionLength} characters`),
    );
    expect(silent).toEqual([]);
  });

  it("a stated limit that drifted from its constant is reported", () => {
    const drifted = { "NetworkLink.description": "Free-text description, up to 1024 characters." };
    expect(wrongLimits(drifted)).toEqual([
      `NetworkLink.description: "up to 1024 characters" but LIMITS.descriptionLength is 255`,
    ]);
  });
});
