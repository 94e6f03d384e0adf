/**
 * Through the real engine, an object that exists keeps its ID in the state whatever fails after its
 * create: a 401 during the READY wait leaves the ID in the state, and destroy removes the object
 * (issue 14).
 */
import {
  dynamicResources,
  oneServiceProgram,
  startE2e,
  until,
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

it("a 401 during the READY wait leaves the ID in the state, and destroy removes the object", async () => {
  await e2e.admin.setDelays({ serviceProvisioningMs: 4_000 });
  const stack = await e2e.stack(oneServiceProgram());
  const up = stack.up().catch((err: Error) => err);
  const created = await until(
    "the service's POST",
    async () => ((await e2e.admin.state()).services as Wire[])[0],
  );
  await e2e.admin.setFaults({ errors: { status: 401, methods: ["GET"] } });

  const failed = await up;
  await e2e.admin.clearFaults();
  expect(failed).toBeInstanceOf(Error);
  expect(String(failed)).toContain("401");
  const recorded = dynamicResources(await stack.exportState());
  expect(recorded.map((r) => r.id)).toEqual([created.id]);

  await stack.destroy();
  expect((await e2e.admin.state()).services).toEqual([]);
});
