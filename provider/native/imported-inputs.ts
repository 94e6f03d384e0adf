// What an imported object's inputs are: the updatable and identifying properties the API reports,
// in the shape a program gives them, so that the program written for it previews with no diff.

type Props = Record<string, unknown>;

const COMMON = ["environment", "network", "displayName", "description"];
const BY_KIND = { service: [...COMMON, "accept"], endpoint: [...COMMON, "networkLinkService"] };

export function importedInputs(kind: "service" | "endpoint", outputs: Props): Props {
  const inputs: Props = {};
  for (const key of BY_KIND[kind]) {
    const value = outputs[key];
    if (value === undefined || value === "") continue;
    // An endpoint's service is referenced by ID; what else the state records about it is derived.
    inputs[key] = key === "networkLinkService" ? { id: (value as { id: string }).id } : value;
  }
  return inputs;
}
