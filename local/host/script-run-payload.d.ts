/** Types for script-run-payload.js: Google's google.script.run payload rules (see there). */
/** The arguments as the server receives them; throws Google's client error for what it refuses. */
export function copyArguments(args: readonly unknown[]): unknown[];
/** The answer as the success handler receives it: null when it holds a Date (or other uncarriable value). */
export function copyAnswer(value: unknown): unknown;
