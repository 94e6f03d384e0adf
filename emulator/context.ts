import type { Counters, Faults } from "./faults";
import type { NetworkStore } from "./store/network-store";
import type { Delays } from "./store/types";

/** What every route plugin shares; one per app instance. */
export interface EmulatorContext {
  store: NetworkStore;
  faults: Faults;
  counters: Counters;
  /** Delays given at start, restored by `POST /_emulator/reset`. */
  initialDelays: Delays;
}
