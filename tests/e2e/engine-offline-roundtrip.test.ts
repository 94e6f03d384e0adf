/**
 * The real Pulumi CLI and engine, offline, through the stack helper: a dynamic resource of this test's
 * own (it keeps its value in a file) goes through create, no-change preview, update, refresh and
 * destroy, and the state holds what we expect at each step.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { createTestStack, type StateResource, type TestStack } from "../../harness/stack";

interface StoredValueInputs {
  /** The value to keep. Updates in place. */
  value: string;
  /** Folder the provider writes `<id>.txt` into: the "cloud" of this resource. */
  dir: string;
  /** Milliseconds create waits before writing (lets a test interrupt an update). */
  holdMs?: number;
}

interface StoredValueOutputs extends StoredValueInputs {
  file: string;
  length: number;
}

// Self-contained methods: they are serialized into the state and run in the provider process, where
// nothing from this module's scope exists (and jest's module registry is invisible to the serializer).
const storedValueProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs: StoredValueInputs): Promise<pulumi.dynamic.CreateResult<StoredValueOutputs>> {
    const fs = require("node:fs") as typeof import("node:fs");
    const path = require("node:path") as typeof import("node:path");
    const id = `value-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    if (inputs.holdMs) await new Promise((resolve) => setTimeout(resolve, inputs.holdMs));
    const file = path.join(inputs.dir, `${id}.txt`);
    fs.writeFileSync(file, inputs.value);
    return { id, outs: { ...inputs, file, length: inputs.value.length } };
  },
  async diff(_id: string, olds: StoredValueOutputs, news: StoredValueInputs) {
    return {
      changes: olds.value !== news.value || olds.dir !== news.dir,
      replaces: olds.dir !== news.dir ? ["dir"] : [],
    };
  },
  async update(_id: string, olds: StoredValueOutputs, news: StoredValueInputs) {
    const fs = require("node:fs") as typeof import("node:fs");
    fs.writeFileSync(olds.file, news.value);
    return { outs: { ...news, file: olds.file, length: news.value.length } };
  },
  async read(id: string, props: StoredValueOutputs) {
    const fs = require("node:fs") as typeof import("node:fs");
    if (!fs.existsSync(props.file)) return {};
    const value = fs.readFileSync(props.file, "utf8");
    return { id, props: { ...props, value, length: value.length } };
  },
  async delete(_id: string, props: StoredValueOutputs) {
    const fs = require("node:fs") as typeof import("node:fs");
    fs.rmSync(props.file, { force: true });
  },
};

class StoredValue extends pulumi.dynamic.Resource {
  declare readonly value: pulumi.Output<string>;
  declare readonly file: pulumi.Output<string>;
  declare readonly length: pulumi.Output<number>;

  constructor(name: string, args: StoredValueInputs, opts?: pulumi.CustomResourceOptions) {
    super(
      storedValueProvider,
      name,
      { ...args, file: undefined, length: undefined },
      opts,
      "smoke",
      "StoredValue",
    );
  }
}

const TYPE = "pulumi-nodejs:dynamic/smoke:StoredValue";
const SECRET = "smoke-secret-6f1c2a9e";

function program(value: string, dir: string, holdMs?: number) {
  return async () => {
    const stored = new StoredValue("greeting", { value, dir, holdMs });
    return { value: stored.value, file: stored.file, length: stored.length };
  };
}

function resourcesOfType(resources: StateResource[] | undefined, type: string): StateResource[] {
  return (resources ?? []).filter((r) => r.type === type);
}

describe("the real Pulumi engine, offline", () => {
  let store: string;
  let stack: TestStack;

  beforeAll(async () => {
    store = fs.mkdtempSync(path.join(os.tmpdir(), "smoke-store-"));
    stack = await createTestStack({
      program: program("hello", store),
      secretConfig: { "smoke:token": SECRET },
    });
  });

  afterAll(async () => {
    await stack?.dispose();
    fs.rmSync(store, { recursive: true, force: true });
  });

  it("creates a dynamic resource", async () => {
    const result = await stack.up();

    expect(result.summary.result).toBe("succeeded");
    expect(result.summary.resourceChanges).toMatchObject({ create: 2 }); // the stack and the resource
    const outputs = await stack.outputs();
    expect(outputs).toMatchObject({ value: "hello", length: 5 });
    expect(fs.readFileSync(outputs.file as string, "utf8")).toBe("hello");
  });

  it("previews no change when nothing changed", async () => {
    const result = await stack.preview({ expectNoChanges: true });

    expect(result.changeSummary).toEqual({ same: 2 });
  });

  it("previews and applies a changed input as an in-place update", async () => {
    stack.setProgram(program("hello, world", store));

    const preview = await stack.preview();
    expect(preview.changeSummary).toEqual({ same: 1, update: 1 });

    const result = await stack.up();
    expect(result.summary.resourceChanges).toEqual({ same: 1, update: 1 });
    const outputs = await stack.outputs();
    expect(outputs).toMatchObject({ value: "hello, world", length: 12 });
    expect(fs.readFileSync(outputs.file as string, "utf8")).toBe("hello, world");
  });

  it("refreshes without change", async () => {
    const result = await stack.refresh();

    expect(result.summary.result).toBe("succeeded");
    expect(result.summary.resourceChanges).toEqual({ same: 2 });
  });

  it("stores the resource's type, inputs and outputs in the state", async () => {
    const { deployment } = await stack.exportState();

    const [resource] = resourcesOfType(deployment.resources, TYPE);
    expect(resource).toBeDefined();
    expect(resource.urn).toBe(`urn:pulumi:${stack.stackName}::${stack.projectName}::${TYPE}::greeting`);
    expect(resource.id).toMatch(/^value-/);
    expect(resource.inputs).toMatchObject({ value: "hello, world", dir: store });
    expect(typeof resource.inputs?.__provider).toBe("string");
    expect(resource.outputs).toMatchObject({ value: "hello, world", dir: store, length: 12 });
    expect(resourcesOfType(deployment.resources, "pulumi:pulumi:Stack")).toHaveLength(1);
    expect(deployment.pending_operations ?? []).toEqual([]);
  });

  it("keeps secret config out of the state files and the export", async () => {
    // The default dynamic provider holds the whole stack config as its inputs: encrypted on disk.
    const files = await stack.stateFiles();
    expect(files.some((file) => file.path.endsWith(`${stack.stackName}.json`))).toBe(true);
    for (const file of files) expect(file.text).not.toContain(SECRET);
    expect(JSON.stringify(await stack.exportState())).not.toContain(SECRET);
    // ...while the Automation API's exportStack() (--show-secrets) reveals it: never use it for this check.
    expect(JSON.stringify(await stack.stack.exportStack())).toContain(SECRET);
  });

  it("destroys the resource and leaves no resources in the state", async () => {
    const { file } = await stack.outputs();

    const result = await stack.destroy();

    expect(result.summary.resourceChanges).toEqual({ delete: 2 });
    expect(fs.existsSync(file as string)).toBe(false);
    const { deployment } = await stack.exportState();
    expect(deployment.resources ?? []).toEqual([]);
  });
});

describe("an update killed mid-create", () => {
  let store: string;
  let stack: TestStack;
  const lines: string[] = [];

  beforeAll(async () => {
    store = fs.mkdtempSync(path.join(os.tmpdir(), "smoke-store-"));
    stack = await createTestStack({
      program: program("held", store, 60_000),
      onOutput: (line) => lines.push(line),
    });
  });

  afterAll(async () => {
    await stack?.dispose();
    fs.rmSync(store, { recursive: true, force: true });
  });

  it("stops when its CLI process is killed, and the stack recovers", async () => {
    const up = stack.up();
    up.catch(() => {}); // awaited below; keeps the rejection handled meanwhile
    while (!lines.some((line) => /StoredValue greeting creating/.test(line))) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const pid = stack.currentPid();
    expect(pid).toBeGreaterThan(0);

    const killedAt = Date.now();
    process.kill(pid!, "SIGKILL");
    await expect(up).rejects.toThrow(/SIGKILL/);
    expect(Date.now() - killedAt).toBeLessThan(5_000);
    expect(stack.currentPid()).toBeUndefined();

    const { deployment } = await stack.exportState();
    expect(deployment.pending_operations?.map((op) => [op.type, op.resource.type])).toEqual([
      ["creating", TYPE],
    ]);

    const cleared = await stack.cancelPending();
    expect(cleared.map((op) => op.type)).toEqual(["creating"]);
    expect((await stack.exportState()).deployment.pending_operations ?? []).toEqual([]);

    stack.setProgram(program("held", store));
    const result = await stack.up();
    expect(result.summary.resourceChanges).toEqual({ create: 1, same: 1 });
    expect(await stack.outputs()).toMatchObject({ value: "held" });

    await stack.destroy();
  });
});
