import { readFileSync } from "node:fs";
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { parse } from "yaml";

import { SPEC_PATH } from "../../support/reference";

/**
 * Validates emulator responses against the upstream spec subset (read in place, never copied).
 * Only loaded by conformance tests, which are skipped where the reference is absent.
 */

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

const spec = parse(readFileSync(SPEC_PATH, "utf8")) as {
  paths: Record<string, Record<string, Operation>>;
};
// strict: false lets through OpenAPI-only keywords (example, x-extensible-enum, …); ajv 8 knows `nullable`.
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ ...spec, $id: "openapi.json" });

const TEMPLATES = Object.keys(spec.paths).map((template) => ({
  template,
  regex: new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`),
}));

const cache = new Map<string, ValidateFunction>();
const escape = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");

/** The JSON schema of the response (operation + status), or Failure for statuses the spec leaves out. */
function validatorFor(template: string, method: string, status: number): ValidateFunction | undefined {
  const key = `${template} ${method} ${status}`;
  if (cache.has(key)) return cache.get(key);
  const op = spec.paths[template][method.toLowerCase()];
  const response = op?.responses[String(status)];
  let ref: string | undefined;
  if (response?.content?.["application/json"]?.schema) {
    ref = `openapi.json#/paths/${escape(template)}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema`;
  } else if (status >= 400) {
    ref = "openapi.json#/components/schemas/Failure";
  }
  const validate = ref ? ajv.compile({ $ref: ref }) : undefined;
  if (validate) cache.set(key, validate);
  return validate;
}

export function templateOf(urlPath: string): string | undefined {
  return TEMPLATES.find((t) => t.regex.test(urlPath))?.template;
}

export let validatedCount = 0;

/**
 * Throws when a networking-API body does not match its schema. Bodies of paths outside the spec
 * (404s on unknown paths) are checked against Failure.
 */
export function assertMatchesSpec(method: string, urlPath: string, status: number, body: unknown): void {
  const template = templateOf(urlPath);
  if (status === 204) {
    if (body !== undefined && body !== "") throw new Error(`${method} ${urlPath}: 204 with a body`);
    return;
  }
  const validate = template
    ? validatorFor(template, method === "HEAD" ? "GET" : method, status)
    : status >= 400
      ? ajv.compile({ $ref: "openapi.json#/components/schemas/Failure" })
      : undefined;
  if (!validate) throw new Error(`${method} ${urlPath}: no schema for status ${status}`);
  validatedCount += 1;
  if (!validate(body)) {
    throw new Error(
      `${method} ${urlPath} ${status} does not match the spec: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body)}`,
    );
  }
  if (status >= 400) assertErrorEnvelope(body, status);
}

/** Beyond the schema: our promise that every error has exactly one entry with all fields filled. */
function assertErrorEnvelope(body: unknown, status: number): void {
  const errors = (body as { errors: Record<string, unknown>[] }).errors;
  const [error] = errors;
  if (
    errors.length !== 1 ||
    error.status !== String(status) ||
    !error.code ||
    !error.title ||
    !error.detail
  ) {
    throw new Error(`malformed error envelope for ${status}: ${JSON.stringify(body)}`);
  }
}
