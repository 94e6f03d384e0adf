import { endpointId, environmentId, serviceId } from "../lifecycle/validation";

// `pulumi import` gives read an ID and no properties; the API needs the environment too, so an
// import ID is `<environment>/<object ID>`, e.g. `env-abc123/nls-def456`.

export interface ImportId {
  environment: string;
  id: string;
}

/** Parses an import ID of `kind`, or fails saying the expected form. */
export function parseImportId(raw: string, kind: "service" | "endpoint"): ImportId {
  const example = kind === "service" ? "env-abc123/nls-def456" : "env-abc123/nle-def456";
  const [environment, id, ...rest] = raw.split("/");
  const idSchema = kind === "service" ? serviceId : endpointId;
  if (
    rest.length > 0 ||
    id === undefined ||
    !environmentId.safeParse(environment).success ||
    !idSchema.safeParse(id).success
  ) {
    throw new Error(
      `import ID of a network link ${kind} must be <environment ID>/<${kind} ID>, e.g. ${example}: the API ` +
        `addresses every object within its environment`,
    );
  }
  return { environment, id };
}
