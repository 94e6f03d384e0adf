/**
 * Through the real engine, the warnings and progress lines users should see (issue 16, item 7):
 * preview pins the empty-accept warning on the service, and up names each object it made.
 */
import { NetworkLinkService } from "../../provider";
import { startE2e, type E2e, type Wire } from "../support/emulator-stacks";

describe("warnings users should see (issue 16, item 7)", () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e();
  });
  afterAll(() => e2e?.close());

  it("preview pins the empty-accept warning on the service, and up names each object in its progress lines", async () => {
    const output: string[] = [];
    const stack = await e2e.stack(
      async () => {
        const lonely = new NetworkLinkService("lonely", {
          environment: { id: "env-aaaaa1" },
          network: { id: "n-aaaaa2" },
        });
        return { id: lonely.id };
      },
      { onOutput: (line) => output.push(line) },
    );
    await stack.preview();
    // The engine lists the warning under the resource it belongs to, not under the stack.
    expect(output.join("\n")).toMatch(
      /NetworkLinkService \(lonely\):\n\s+warning: this service accepts no environment or network/,
    );
    output.length = 0;
    await stack.up();
    const [service] = (await e2e.admin.state()).services as Wire[];
    expect(output.join("\n")).toContain(`service 'lonely' (${service.id}) in n-aaaaa2: created`);
  });
});
