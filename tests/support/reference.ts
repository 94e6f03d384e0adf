import { existsSync } from "node:fs";
import path from "node:path";

/**
 * Where the upstream reference (OpenAPI subset, recorded fixtures) lives. It is read in place and never
 * copied into the project: CI sets CONFLUENT_REFERENCE_DIR; a clone with nothing beside it has none, and
 * the conformance part is then skipped (and counted as skipped), so `npm test` still passes there.
 */
export const REFERENCE_DIR = path.resolve(
  process.env.CONFLUENT_REFERENCE_DIR ?? path.resolve(__dirname, "../../../shared/reference"),
);

export const SPEC_PATH = path.join(REFERENCE_DIR, "network-links.openapi.yaml");
/** The whole networking v1 spec, for the operations the network-link subset leaves out (networks). */
export const NETWORKING_SPEC_PATH = path.join(REFERENCE_DIR, "networking-v1.openapi.yaml");
export const FIXTURES_DIR = path.join(REFERENCE_DIR, "terraform-fixtures");

/** True when the reference is there to test against. */
export const referenceFound = existsSync(SPEC_PATH) && existsSync(FIXTURES_DIR);

/** `describe` where the reference is found, `describe.skip` otherwise (so the tests count as skipped). */
export const describeConformance: jest.Describe = referenceFound ? describe : describe.skip;

/** The same for checks against the whole networking v1 spec. */
export const describeNetworkingConformance: jest.Describe =
  referenceFound && existsSync(NETWORKING_SPEC_PATH) ? describe : describe.skip;
