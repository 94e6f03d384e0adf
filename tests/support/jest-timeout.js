// Each jest project declares its timeout in globals.TEST_TIMEOUT_MS (jest.config.js).
jest.setTimeout(globalThis.TEST_TIMEOUT_MS);
