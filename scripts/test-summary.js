// Prints jest's totals as one plain line ("tests: N passed, N failed, N skipped") for CI logs, and says
// whether the conformance part ran (it needs the upstream reference, which a plain clone does not have).
const fs = require("node:fs");
const path = require("node:path");

const results = JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", ".jest-results.json"), "utf8"));
const skipped = results.numPendingTests + results.numTodoTests;
const referenceDir = path.resolve(
  process.env.CONFLUENT_REFERENCE_DIR ?? path.resolve(__dirname, "../../shared/reference"),
);
const found = fs.existsSync(path.join(referenceDir, "network-links.openapi.yaml"));
console.log(
  found
    ? `conformance: ran against the reference at ${referenceDir}`
    : `conformance: skipped, no reference at ${referenceDir} (set CONFLUENT_REFERENCE_DIR to run it)`,
);
console.log(`tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped`);
process.exit(results.success ? 0 : 1);
