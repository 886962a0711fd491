// The text after each command's options in `--help`: examples that run on the bundled demo zones
// (fixtures/demo), then the exit codes. Words only: definitions import this, and they must stay
// cheap to load (src/cli/definitions/).
import type { Command } from 'commander';

export const DEMO = '--zone fixtures/demo';

/** An example: the command line (after `authaudit`) and what it shows. */
export type Example = readonly [line: string, shows: string];

export interface HelpText {
  examples: readonly Example[];
  /** What exit 1 means for this command; null for a command that never exits 1. */
  exit1?: string | null;
  /** What exit 0 means, when it is not "nothing at or above --fail-on". */
  exit0?: string;
}

const EXIT_0 = 'nothing at or above --fail-on (default: error)';
const EXIT_1 = 'findings at or above --fail-on';

export function helpText(help: HelpText): string {
  const lines = ['', 'Examples:'];
  for (const [line, shows] of help.examples) lines.push(`  authaudit ${line}`, `      ${shows}`);
  lines.push('', 'Exit codes:', `  0  ${help.exit0 ?? EXIT_0}`);
  const exit1 = help.exit1 === undefined ? EXIT_1 : help.exit1;
  if (exit1 !== null) lines.push(`  1  ${exit1}`);
  lines.push('  2  bad usage or bad input (the message names the argument, or the file and line)', '  3  DNS unusable: no resolver answered', '');
  return lines.join('\n');
}

/** Add the examples and exit codes after the command's options. */
export function withHelp(command: Command, help: HelpText): Command {
  return command.addHelpText('after', helpText(help));
}

export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
