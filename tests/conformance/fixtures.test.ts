import * as fs from "node:fs";
import * as path from "node:path";
import {
  listSchema,
  networkLinkEndpointSchema,
  networkLinkServiceSchema,
} from "../../provider/client/schemas";
import { nextPageToken } from "../../provider/client/wire-format";
import { describeConformance, FIXTURES_DIR as fixtures } from "../support/reference";

// Real response bodies recorded upstream; read in place, never copied into the project.
const read = (name: string) => JSON.parse(fs.readFileSync(path.join(fixtures, name), "utf8"));

describeConformance("client schemas accept the upstream fixtures", () => {
  it.each(["create_nls.json", "read_nls.json", "updated_nls.json"])(
    "%s parses as a network link service",
    (name) => {
      const service = networkLinkServiceSchema.parse(read(name));
      expect(service.id).toMatch(/^nls-/);
      expect(service.spec.network.id).toMatch(/^n-/);
      expect(service.status.phase).toBe("READY");
    },
  );

  it("updated_nls.json keeps the emptied network list as null", () => {
    expect(networkLinkServiceSchema.parse(read("updated_nls.json")).spec.accept?.networks ?? null).toBeNull();
  });

  it.each(["read_nle.json", "updated_nle.json"])("%s parses as a network link endpoint", (name) => {
    const endpoint = networkLinkEndpointSchema.parse(read(name));
    expect(endpoint.id).toMatch(/^nle-/);
    expect(endpoint.spec.network_link_service.id).toMatch(/^nls-/);
  });

  it("list_nls.json parses as a list with no next page", () => {
    const list = listSchema(networkLinkServiceSchema).parse(read("list_nls.json"));
    expect(list.data.length).toBeGreaterThan(0);
    expect(nextPageToken(list.metadata.next)).toBeUndefined();
  });

  it("every fixture file is covered", () => {
    expect(fs.readdirSync(fixtures).sort()).toEqual(
      [
        "create_nls.json",
        "list_nls.json",
        "read_nle.json",
        "read_nls.json",
        "updated_nle.json",
        "updated_nls.json",
      ].sort(),
    );
  });
});
