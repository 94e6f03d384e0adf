/**
 * Through the real engine, a second stack whose create response is lost does not take the first
 * stack's service: its `up` fails naming the service and how to adopt it, its state stays empty,
 * and the first stack's service and outputs stay as they were (issue 14).
 */
import {
  dynamicResources,
  oneServiceProgram,
  startE2e,
  type E2e,
  type Wire,
} from "../support/emulator-stacks";

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(() => e2e?.close());
afterEach(async () => {
  await e2e.admin.clearFaults();
  await e2e.admin.reset();
});

it("a second stack whose POST gets a 503 fails with the conflict error and leaves the first stack's service alone", async () => {
  const a = await e2e.stack(oneServiceProgram());
  const b = await e2e.stack(oneServiceProgram());
  await a.up();
  const [owned] = (await e2e.admin.state()).services as Wire[];

  await e2e.admin.setFaults({ errors: { count: 1, status: 503, methods: ["POST"] } });
  const failed = await b.up().catch((err: Error) => err);

  expect(failed).toBeInstanceOf(Error);
  expect(String(failed)).toContain(`already has network link service ${owned.id}`);
  expect(String(failed)).toContain(`adoptExistingId: "${owned.id}"`);
  expect(dynamicResources(await b.exportState())).toEqual([]);
  await b.destroy();
  expect(((await e2e.admin.state()).services as Wire[]).map((s) => s.id)).toEqual([owned.id]);
  await a.preview({ expectNoChanges: true });
  expect(await a.outputs()).toEqual({ service: owned.id, phase: "READY" });
});
