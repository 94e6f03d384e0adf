/** Test projects by layer, so a run can select one (`jest --selectProjects unit`). */
const tsJest = { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] };
const project = (name, timeout) => ({
  displayName: name,
  testEnvironment: "node",
  transform: tsJest,
  testMatch: [`<rootDir>/tests/${name}/**/*.test.ts`],
  // testTimeout is global in jest; each project sets its own through a setup file.
  globals: { TEST_TIMEOUT_MS: timeout },
  setupFilesAfterEnv: ["<rootDir>/tests/support/jest-timeout.js"],
  // The emulator workspace by its package name, from source (as tsconfig's `paths` does for tsc and tsx).
  moduleNameMapper: { "^confluent-network-link-emulator$": "<rootDir>/emulator/index.ts" },
  modulePathIgnorePatterns: ["<rootDir>/emulator/dist/"],
});

module.exports = {
  // Test files run in a worker that is replaced once it holds more than this after a file: in one
  // long-lived process (jest's choice on 2 cores) the memory of ~110 files adds up until the kernel
  // kills the run.
  workerIdleMemoryLimit: "1GB",
  projects: [
    project("unit", 10_000),
    project("emulator", 60_000),
    project("provider", 120_000),
    project("e2e", 600_000),
    project("components", 120_000),
    // Checks against the upstream reference; skipped (and counted) where CONFLUENT_REFERENCE_DIR has none.
    project("conformance", 60_000),
  ],
};
