/**
 * The emulator as a child process, for tests whose code blocks its own thread on
 * synchronous HTTP (the bundle's UrlFetchApp): the same launcher the sandbox uses.
 */
export { startEmulatorProcess, type EmulatorProcess } from '../../local/sandbox/emulator-process';
