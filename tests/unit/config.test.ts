import { resolveConfig } from "../../provider/config";
import { VERSION } from "../../provider/version";
import * as fs from "node:fs";
import * as path from "node:path";

const source = (values: Record<string, string>) => ({ get: (key: string) => values[key] });

describe("resolveConfig", () => {
  it("prefers stack config over the environment", () => {
    const config = resolveConfig(
      source({
        "confluentcloud:cloudApiKey": "K1",
        "confluentcloud:cloudApiSecret": "S1",
        "confluentcloud:endpoint": "http://127.0.0.1:1",
      }),
      { CONFLUENT_CLOUD_API_KEY: "K2", CONFLUENT_CLOUD_API_SECRET: "S2" },
    );
    expect(config).toEqual({ apiKey: "K1", apiSecret: "S1", endpoint: "http://127.0.0.1:1" });
  });

  it("falls back to the environment and the public endpoint", () => {
    const config = resolveConfig(source({}), {
      CONFLUENT_CLOUD_API_KEY: "K2",
      CONFLUENT_CLOUD_API_SECRET: "S2",
    });
    expect(config).toEqual({ apiKey: "K2", apiSecret: "S2", endpoint: "https://api.confluent.cloud" });
  });

  it("names both ways to set missing credentials", () => {
    expect(() => resolveConfig(source({}), {})).toThrow(
      "Confluent Cloud credentials are missing: the Cloud API key is not set: run `pulumi config set confluentcloud:cloudApiKey <value>` " +
        "or export CONFLUENT_CLOUD_API_KEY; the Cloud API secret is not set: run `pulumi config set --secret confluentcloud:cloudApiSecret <value>` " +
        "or export CONFLUENT_CLOUD_API_SECRET.",
    );
  });

  it("rejects an endpoint that is not a URL", () => {
    expect(() =>
      resolveConfig(source({ "confluentcloud:endpoint": "api.confluent.cloud" }), {
        CONFLUENT_CLOUD_API_KEY: "k",
        CONFLUENT_CLOUD_API_SECRET: "s",
      }),
    ).toThrow("confluentcloud:endpoint (or CONFLUENT_CLOUD_ENDPOINT) must be an http(s) URL");
  });
});

test("VERSION matches package.json", () => {
  const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../package.json"), "utf8"));
  expect(VERSION).toBe(pkg.version);
});
