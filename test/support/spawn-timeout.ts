/**
 * The bundle, integration and browser suites start processes (the emulator, the CLI, the
 * sandbox, a browser) and talk to them over real HTTP. On a busy machine (2 cores, two suites
 * side by side) a child's start alone can take many seconds, so Jest's default of 5 s per
 * test and per hook fails tests for being slow, not wrong. These suites get 2 minutes; a
 * file or test that needs more says so itself. jest.config.js loads this file for them.
 */
jest.setTimeout(120_000);
