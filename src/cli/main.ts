// The thin CLI runner: parse the command line, then run the command (src/cli/run-invocation.ts).
// Only the report goes to stdout (and --output files); errors and progress go to stderr. Exit codes:
// 0 nothing at or above --fail-on · 1 findings at or above it · 2 bad usage or input · 3 DNS unusable.
// This file loads commander, the command definitions and words only: `--help` and `--version`
// answer without loading any check, and a command's code is imported when it runs.
import { Command, CommanderError } from 'commander';
import { DEFINITIONS } from './definitions/all-commands.js';
import { addGlobalOptions } from './global-options.js';
import type { CommandDefinition, GlobalOptions } from './command.js';
import { DEMO } from './help-text.js';
import { TOOL_VERSION } from '../version.js';

export interface MainIo {
  stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

const defaultIo = (): MainIo => ({ stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() });

export interface Invocation {
  definition: CommandDefinition;
  name: string;
  args: string[];
  /** The command's own options. */
  options: Record<string, unknown>;
  /** The global options (defined once, on the program). */
  globals: Record<string, unknown>;
  /** Global options the user typed (not defaults), so config values fill in only the rest. */
  explicit: Set<keyof GlobalOptions>;
}

const PROGRAM_HELP = `
Examples:
  authaudit ${DEMO} northwind.example shop.example
      every check of two domains of the bundled demo (audit is the default command)
  authaudit spf megacorp.example ${DEMO}
      one standard at a time: spf, dmarc, dkim, mx, ptr
  authaudit predict ${DEMO} --profile fixtures/demo/profiles.json
      the replies Gmail, Outlook.com and Yahoo are predicted to give, and the fixes

Run 'authaudit <command> --help' for a command's options and examples.
Without --zone or --resolver, the name servers of /etc/resolv.conf answer. Options can also come
from authaudit.config.json in the working folder (or --config FILE); the command line wins.

Exit codes:
  0  nothing at or above --fail-on (default: error)
  1  findings at or above --fail-on
  2  bad usage or bad input (the message names the argument, or the file and line)
  3  DNS unusable: no resolver answered
`;

/**
 * commander's own errors (`error: unknown option '--zon'` and a `(Did you mean --zone?)` line)
 * as one line in the tool's voice: `authaudit: unknown option '--zon' (did you mean --zone?)`.
 */
export function commanderErrorLine(text: string): string {
  const line = text
    .trimEnd()
    .replace(/^error: /, '')
    .replace(/\n\(Did you mean (.*)\?\)$/, ' (did you mean $1?)')
    .replace(/\n/g, ' ');
  return `authaudit: ${line}\n`;
}

function buildProgram(io: MainIo, onInvoke: (inv: Invocation) => void): Command {
  const program = new Command('authaudit')
    .description('Audit email-authentication DNS (SPF, DKIM, DMARC, PTR, MX) and predict mailbox-provider rejections')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(commanderErrorLine(s)),
    })
    // the global options are defined once, on the program; each command's help lists them once
    .configureHelp({ showGlobalOptions: true })
    .showHelpAfterError('(run authaudit --help for usage)')
    .optionsGroup('Global Options:');
  addGlobalOptions(program);
  program.version(TOOL_VERSION, '-V, --version', 'print the version');
  program.helpOption('-h, --help', 'print this help');
  program.addHelpText('after', PROGRAM_HELP);
  for (const definition of DEFINITIONS) {
    const cmd = definition.define(program);
    cmd.helpOption('-h, --help', 'print this help');
    cmd.showHelpAfterError(`(run authaudit ${cmd.name()} --help for usage)`);
    cmd.action((...actionArgs: unknown[]) => {
      const self = actionArgs[actionArgs.length - 1] as Command;
      onInvoke({
        definition,
        name: self.name(),
        args: self.args.slice(0, self.registeredArguments.length).flatMap((a, i) => {
          const v = self.processedArgs[i] as unknown;
          return Array.isArray(v) ? (v as string[]) : v === undefined ? [] : [String(v)];
        }),
        options: self.opts(),
        globals: self.optsWithGlobals(),
        explicit: new Set(
          (['timeout', 'failOn', 'format'] as const).filter((key) => self.getOptionValueSourceWithGlobals(key) === 'cli'),
        ),
      });
    });
  }
  program.helpCommand('help [command]', 'print the help of a command');
  return program;
}

/** Run the CLI; resolves to the exit code. Never throws for user errors. */
export async function main(argv: string[], io: MainIo = defaultIo()): Promise<number> {
  let invocation: Invocation | null = null;
  const program = buildProgram(io, (inv) => {
    invocation = inv;
  });
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version exit 0; everything else commander rejects is bad usage
      return err.exitCode === 0 ? 0 : 2;
    }
    throw err;
  }
  const inv = invocation as Invocation | null;
  if (inv === null) {
    program.outputHelp({ error: true });
    return 2;
  }
  const { runInvocation } = await import('./run-invocation.js');
  return runInvocation(inv, io);
}
