import { existsSync, readFileSync } from "node:fs";
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { parse } from "yaml";

import { NETWORKING_SPEC_PATH, SPEC_PATH } from "./reference";

/**
 * Validates emulator responses against the upstream spec (read in place, never copied): the
 * network-link subset for the link paths, the whole networking v1 spec for the paths the subset
 * leaves out (the networks resource). Only loaded by conformance tests, which are skipped where
 * the reference is absent.
 */

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

const escape = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");

/**
 * OpenAPI 3.0 puts `nullable: true` beside `allOf` without a `type` (networking.v1.NetworkSpec's
 * `gateway`: "May be `null` or omitted"), which ajv refuses; such a schema becomes "that, or null".
 */
function typelessNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(typelessNullable);
  if (node === null || typeof node !== "object") return node;
  const entries = Object.entries(node).map(([k, v]) => [k, typelessNullable(v)] as const);
  const schema = Object.fromEntries(entries) as Record<string, unknown>;
  if (schema.nullable !== true || "type" in schema) return schema;
  const { nullable: _nullable, ...rest } = schema;
  return { anyOf: [rest, { type: "null" }] };
}

/** One OpenAPI file: its path templates and a cache of compiled response validators. */
class SpecFile {
  private readonly spec: { paths: Record<string, Record<string, Operation>> };
  // strict: false lets through OpenAPI-only keywords (example, x-extensible-enum, …); ajv 8 knows `nullable`.
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly templates: { template: string; regex: RegExp }[];
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(file: string) {
    this.spec = typelessNullable(parse(readFileSync(file, "utf8"))) as typeof this.spec;
    addFormats(this.ajv);
    this.ajv.addSchema({ ...this.spec, $id: "openapi.json" });
    this.templates = Object.keys(this.spec.paths).map((template) => ({
      template,
      regex: new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`),
    }));
  }

  templateOf(urlPath: string): string | undefined {
    return this.templates.find((t) => t.regex.test(urlPath))?.template;
  }

  errorsText(validate: ValidateFunction): string {
    return this.ajv.errorsText(validate.errors);
  }

  failure(): ValidateFunction {
    return this.ajv.compile({ $ref: "openapi.json#/components/schemas/Failure" });
  }

  /** The JSON schema of the response (operation + status), or Failure for statuses the spec leaves out. */
  validatorFor(template: string, method: string, status: number): ValidateFunction | undefined {
    const key = `${template} ${method} ${status}`;
    if (this.cache.has(key)) return this.cache.get(key);
    const op = this.spec.paths[template][method.toLowerCase()];
    const response = op?.responses[String(status)];
    let ref: string | undefined;
    if (response?.content?.["application/json"]?.schema) {
      ref = `openapi.json#/paths/${escape(template)}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema`;
    } else if (status >= 400) {
      ref = "openapi.json#/components/schemas/Failure";
    }
    const validate = ref ? this.ajv.compile({ $ref: ref }) : undefined;
    if (validate) this.cache.set(key, validate);
    return validate;
  }
}

const subset = new SpecFile(SPEC_PATH);
let whole: SpecFile | undefined;

/** The file and template that describe a path: the subset first, then the whole spec where it exists. */
function locate(urlPath: string): { file: SpecFile; template?: string } {
  const template = subset.templateOf(urlPath);
  if (template || !existsSync(NETWORKING_SPEC_PATH)) return { file: subset, template };
  whole ??= new SpecFile(NETWORKING_SPEC_PATH);
  const wholeTemplate = whole.templateOf(urlPath);
  return wholeTemplate ? { file: whole, template: wholeTemplate } : { file: subset };
}

export function templateOf(urlPath: string): string | undefined {
  return locate(urlPath).template;
}

export let validatedCount = 0;

/**
 * Throws when a networking-API body does not match its schema. Bodies of paths outside the spec
 * (404s on unknown paths) are checked against Failure.
 */
export function assertMatchesSpec(method: string, urlPath: string, status: number, body: unknown): void {
  const { file, template } = locate(urlPath);
  if (status === 204) {
    if (body !== undefined && body !== "") throw new Error(`${method} ${urlPath}: 204 with a body`);
    return;
  }
  const validate = template
    ? file.validatorFor(template, method === "HEAD" ? "GET" : method, status)
    : status >= 400
      ? file.failure()
      : undefined;
  if (!validate) throw new Error(`${method} ${urlPath}: no schema for status ${status}`);
  validatedCount += 1;
  if (!validate(body)) {
    throw new Error(
      `${method} ${urlPath} ${status} does not match the spec: ${file.errorsText(validate)}\n${JSON.stringify(body)}`,
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
