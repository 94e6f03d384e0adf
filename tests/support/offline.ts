// Moved to harness/offline.ts (shared by the tests, the demo and the benchmarks); kept so older imports resolve.
export * from "../../harness/offline";
