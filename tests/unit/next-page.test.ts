import { nextPageToken } from "../../provider/client/wire-format";

test("nextPageToken reads the token from a next link", () => {
  expect(
    nextPageToken(
      "https://api.confluent.cloud/networking/v1/network-link-services?environment=env-1&page_token=abc",
    ),
  ).toBe("abc");
  expect(nextPageToken("")).toBeUndefined();
  expect(nextPageToken(null)).toBeUndefined();
});
