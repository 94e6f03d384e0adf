// What `pulumi import` needs: the import ID's form, and the inputs of the imported object.
import { endpointId, environmentId, serviceId } from "../lifecycle/validation";

type ObjectType = "service" | "endpoint";
type Props = Record<string, unknown>;

// `pulumi import` gives read an ID and no properties; the API needs the environment too, so an
// import ID is `<environment>/<object ID>`, e.g. `env-abc123/nls-def456`.

export interface ImportId {
  environment: string;
  id: string;
}

/** Parses an import ID of an object of `type`, or fails saying the expected form. */
export function parseImportId(raw: string, type: ObjectType): ImportId {
  const example = type === "service" ? "env-abc123/nls-def456" : "env-abc123/nle-def456";
  const [environment, id, ...rest] = raw.split("/");
  const idSchema = type === "service" ? serviceId : endpointId;
  if (
    rest.length > 0 ||
    id === undefined ||
    !environmentId.safeParse(environment).success ||
    !idSchema.safeParse(id).success
  ) {
    throw new Error(
      `import ID of a network link ${type} must be <environment ID>/<${type} ID>, e.g. ${example}: the API ` +
        `addresses every object within its environment`,
    );
  }
  return { environment, id };
}

// The inputs of an imported object: the updatable and identifying properties the API reports, in the
// shape a program gives them, so that the program written for it previews with no diff.
const COMMON = ["environment", "network", "displayName", "description"];
const INPUTS_OF: Record<ObjectType, string[]> = {
  service: [...COMMON, "accept"],
  endpoint: [...COMMON, "networkLinkService"],
};

export function importedInputs(type: ObjectType, outputs: Props): Props {
  const inputs: Props = {};
  for (const key of INPUTS_OF[type]) {
    const value = outputs[key];
    if (value === undefined || value === "") continue;
    // An endpoint's service is referenced by ID; what else the state records about it is derived.
    inputs[key] = key === "networkLinkService" ? { id: (value as { id: string }).id } : value;
  }
  return inputs;
}
