import { isLoopbackAddress, normalisedPath } from "../../emulator/admin-guard";

/** Issue 26 item 4: the two judgements under the admin guard, as tables (the HTTP cases are in admin-guard-hostile). */
describe("isLoopbackAddress: the connection's remote address, never a header", () => {
  test.each([
    ["127.0.0.1", true],
    ["127.255.3.4", true],
    ["::1", true],
    ["::ffff:127.0.0.1", true],
    ["::ffff:7f00:2", true],
    ["192.0.2.2", false],
    ["10.0.0.1", false],
    ["128.0.0.1", false],
    ["0.0.0.0", false],
    ["::", false],
    ["::ffff:192.0.2.2", false],
    ["fd00::2", false],
    ["fe80::1", false],
    ["localhost", false],
    ["", false],
    [undefined, false],
  ])("%s → %s", (address, loopback) => {
    expect(isLoopbackAddress(address)).toBe(loopback);
  });
});

describe("normalisedPath: every spelling of a path that a lenient reader could take for it", () => {
  test.each([
    ["/_emulator/state", "/_emulator/state"],
    ["/%5Femulator/state", "/_emulator/state"],
    ["/%5f%65mulator/STATE", "/_emulator/state"],
    ["/%255Femulator/state", "/_emulator/state"],
    ["//_emulator//state/", "/_emulator/state"],
    ["/x/../_emulator/./state", "/_emulator/state"],
    ["/../../_emulator", "/_emulator"],
    ["/_emulator%2Fstate", "/_emulator/state"],
    ["/_emulator\\state", "/_emulator/state"],
    ["/_emulator/state?x=/y#z", "/_emulator/state"],
    ["/_emulator/state;jsessionid=1", "/_emulator/state;jsessionid=1"],
    ["/x;/../_emulator/state", "/_emulator/state"],
    ["http://evil.example/%5Femulator/state", "/_emulator/state"],
    ["HTTPS://evil.example:8443/_emulator", "/_emulator"],
    ["/%5F%65mulator%2F%FF/state", "/_emulator/\u00ff/state"],
    ["/%5Femulator/%E0%A4%A", "/_emulator/\u00e0\u00a4%a"],
    ["/", "/"],
    ["", "/"],
    ["/networking/v1/network-link-services?environment=env-a", "/networking/v1/network-link-services"],
  ])("%s → %s", (url, path) => {
    expect(normalisedPath(url)).toBe(path);
  });
});
