/**
 * A problem that stops Accord from starting and that the operator can fix: printed as one line
 * ("what is wrong; how to fix it") with a non-zero exit, never as a stack trace.
 */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}
