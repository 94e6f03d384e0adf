/** Public API of the offline Confluent Cloud networking (network links) emulator. */
export { buildApp, DEFAULT_CREDENTIALS, type Credentials, type EmulatorOptions } from "./app";
export { startEmulator, type RunningEmulator } from "./server";
export {
  EmulatorAdmin,
  type EmulatorState,
  type EmulatorNetwork,
  type ForcePhaseOptions,
} from "./admin-client";
export { DEFAULT_SEED, DEFAULT_ORGANIZATION_ID, NETWORK_DEFAULTS } from "./store/seed";
export {
  CLOUDS,
  CONNECTION_TYPES,
  DEFAULT_DELAYS,
  type Cloud,
  type ConnectionType,
  type Delays,
  type SeedInput,
  type SeedNetwork,
} from "./store/types";
export { LIMITS } from "./store/services";
export type { FaultSettings, ErrorFault, CreateFault, CounterSnapshot } from "./faults";
