// Bad usage or bad input (exit 2): the message is shown as is, one line, without a stack trace.
// Thrown by whatever reads the user's input (options, config, profiles); the CLI turns it into the
// `authaudit: …` line and exit code 2.
export class UsageError extends Error {
  override name = 'UsageError';
}
