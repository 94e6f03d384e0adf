// Prints jest's totals as one plain line ("tests: N passed, N failed, N skipped") for CI logs.
const fs = require("node:fs");
const path = require("node:path");

const results = JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", ".jest-results.json"), "utf8"));
const skipped = results.numPendingTests + results.numTodoTests;
console.log(`tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped`);
process.exit(results.success ? 0 : 1);
