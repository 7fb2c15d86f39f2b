/** The parts of Google's client-side `google.script` API the sidebar uses. */
declare namespace google.script {
  interface Runner {
    withSuccessHandler(handler: (value: unknown) => void): Runner;
    withFailureHandler(handler: (error: Error) => void): Runner;
    [serverFunction: string]: (...args: unknown[]) => unknown;
  }
  const run: Runner;
  const host: { close(): void; editor: { focus(): void } };
}
