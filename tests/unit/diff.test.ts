import { diffEndpoint, EndpointOutputs, endpointVerdict } from "../../provider/lifecycle/endpoint-spec";
import { diffService, ServiceOutputs } from "../../provider/lifecycle/service-spec";

const oldService: ServiceOutputs = {
  environment: { id: "env-t1" },
  network: { id: "n-t1" },
  displayName: "svc",
  description: "d",
  accept: { environments: ["env-a1", "env-b1"], networks: ["n-a1"] },
  resourceName: "crn://x",
  phase: "READY",
};

describe("diffService", () => {
  it.each([
    ["nothing changed", {}, false, [], false],
    [
      "accept reordered",
      { accept: { environments: ["env-b1", "env-a1"], networks: ["n-a1"] } },
      false,
      [],
      false,
    ],
    ["display name", { displayName: "renamed" }, true, [], false],
    ["description", { description: "new" }, true, [], false],
    ["description unset keeps the current one", { description: undefined }, false, [], false],
    [
      "accept entry added",
      { accept: { environments: ["env-a1", "env-b1", "env-c1"], networks: ["n-a1"] } },
      true,
      [],
      false,
    ],
    ["accept emptied", { accept: undefined }, true, [], false],
    ["environment", { environment: { id: "env-t2" } }, true, ["environment"], true],
    ["network", { network: { id: "n-t2" } }, true, ["network"], false],
  ])("%s", (_name, change, changes, replaces, deleteBeforeReplace) => {
    const result = diffService(oldService, { ...oldService, ...change } as ServiceOutputs);
    expect(result.changes).toBe(changes);
    expect(result.replaces).toEqual(replaces);
    expect(result.deleteBeforeReplace).toBe(deleteBeforeReplace);
  });

  it("replaces a FAILED service in place of the old one", () => {
    const result = diffService({ ...oldService, phase: "FAILED" }, oldService);
    expect(result).toMatchObject({ changes: true, replaces: ["phase"], deleteBeforeReplace: true });
  });
});

const oldEndpoint: EndpointOutputs = {
  environment: { id: "env-o1" },
  network: { id: "n-o1" },
  networkLinkService: { id: "nls-t1", environment: "env-t1" },
  displayName: "nle",
  resourceName: "crn://y",
  phase: "READY",
};

describe("diffEndpoint", () => {
  it.each([
    ["nothing changed", {}, false, [], false],
    ["display name", { displayName: "x" }, true, [], false],
    ["description", { description: "x" }, true, [], false],
    ["allowPendingAccept only", { allowPendingAccept: true }, false, [], false],
    ["network", { network: { id: "n-o2" } }, true, ["network"], false],
    ["service", { networkLinkService: { id: "nls-t2" } }, true, ["networkLinkService"], false],
    ["environment only", { environment: { id: "env-o2" } }, true, ["environment"], true],
  ])("%s", (_name, change, changes, replaces, deleteBeforeReplace) => {
    const result = diffEndpoint(oldEndpoint, { ...oldEndpoint, ...change } as EndpointOutputs);
    expect(result.changes).toBe(changes);
    expect(result.replaces).toEqual(replaces);
    expect(result.deleteBeforeReplace).toBe(deleteBeforeReplace);
  });

  it.each(["DISCONNECTED", "EXPIRED", "FAILED"])(
    "replaces an endpoint recorded as %s, deleting it first",
    (phase) => {
      expect(diffEndpoint({ ...oldEndpoint, phase }, oldEndpoint)).toMatchObject({
        changes: true,
        replaces: ["phase"],
        deleteBeforeReplace: true,
      });
    },
  );
});

describe("endpointVerdict", () => {
  it.each([
    ["READY", false, "done"],
    ["INACTIVE", false, "done"],
    ["PROVISIONING", false, "wait"],
    ["PENDING_ACCEPT", false, "wait"],
    ["PENDING_ACCEPT", true, "done"],
    ["FAILED", false, "fail"],
    ["EXPIRED", true, "fail"],
    ["DISCONNECTED", false, "fail"],
    ["DEPROVISIONING", false, "fail"],
    ["SOME_NEW_PHASE", false, "wait"],
  ])("%s (allowPendingAccept %s) → %s", (phase, allow, verdict) => {
    expect(endpointVerdict(phase as string, allow as boolean)).toBe(verdict);
  });
});
