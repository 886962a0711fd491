// The thin CLI runner: parse options, build the resolver, run the command, render, exit.
// Only the report goes to stdout (and --output files); errors and progress go to stderr. Exit codes:
// 0 nothing at or above --fail-on · 1 findings at or above it · 2 bad usage or input · 3 DNS unusable.
import { reportWidth } from '../report/wrap.js';
import { Command, CommanderError } from 'commander';
import { COMMANDS } from './commands/index.js';
import { addGlobalOptions, readGlobalOptions } from './global-options.js';
import { DnsUnusableError, UsageError, type CommandModule, type CommandResult, type GlobalOptions } from './command.js';
import { createContext } from './context.js';
import { renderOutput } from './render-output.js';
import { writeFilesAtomically } from './write-files.js';
import { TOOL_VERSION } from '../version.js';
import { applyConfig } from '../config/apply.js';
import { loadConfig } from '../config/load.js';
import { assertKnownIgnoreIds } from '../findings/filter.js';
import { findingRegistry } from '../findings/registry.js';
import { colorEnabled } from '../report/color.js';
import { escapeControlCharacters } from '../report/escape.js';
import { ZoneFileError } from '../zone/zone-file-error.js';

export interface MainIo {
  stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

const defaultIo = (): MainIo => ({ stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() });

interface Invocation {
  module: CommandModule;
  name: string;
  args: string[];
  options: Record<string, unknown>;
  globals: Record<string, unknown>;
  /** Global options the user typed (not defaults), so config values fill in only the rest. */
  explicit: Set<keyof GlobalOptions>;
}

function buildProgram(io: MainIo, onInvoke: (inv: Invocation) => void): Command {
  const program = new Command('authaudit')
    .description('Audit email-authentication DNS (SPF, DKIM, DMARC, PTR) and predict mailbox-provider rejections')
    .version(TOOL_VERSION)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .showHelpAfterError('(run authaudit --help for usage)');
  addGlobalOptions(program);
  for (const module of COMMANDS) {
    const cmd = module.define(program);
    addGlobalOptions(cmd);
    cmd.exitOverride();
    cmd.action((...actionArgs: unknown[]) => {
      const self = actionArgs[actionArgs.length - 1] as Command;
      onInvoke({
        module,
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
  try {
    const typed = readGlobalOptions(inv.globals, colorEnabled(io.env, io.stdout, inv.globals['color'] !== false), io.cwd);
    const config = await loadConfig({ cwd: io.cwd, explicit: typed.config });
    const options = applyConfig(typed, config, inv.explicit);
    assertKnownIgnoreIds(options.ignore, findingRegistry(), config !== null && typed.ignore.length === 0 ? config.file : '--ignore');
    const ctx = await createContext(options, config, io);
    let result: CommandResult;
    try {
      result = await inv.module.run(ctx, inv.args, inv.options);
    } finally {
      ctx.stopProgress();
    }
    const rendered = renderOutput(inv.name, result, ctx, io.cwd);
    // with --quiet, reports that go to files are the only output
    // text fits the terminal (else $COLUMNS, else 100 columns); files get $COLUMNS or 100
    if (!(options.quiet && options.output.length > 0)) io.stdout.write(rendered.render(options.format, options.color, reportWidth(io.stdout.columns, io.env)));
    if (ctx.dnsUnusable()) {
      io.stderr.write('authaudit: DNS unusable: no resolver answered any question (see --resolver, --doh, --timeout)\n');
      return 3;
    }
    // every file from the one set of answers; written also when findings make the run exit 1
    writeFilesAtomically(options.output.map((t) => ({ path: t.path, shown: t.file, text: rendered.render(t.format, false, reportWidth(undefined, io.env)) })));
    return rendered.exitCode;
  } catch (err) {
    return reportError(err, io);
  }
}

function reportError(err: unknown, io: MainIo): number {
  if (err instanceof DnsUnusableError) {
    io.stderr.write(`authaudit: DNS unusable: ${escapeLines(err.message)}\n`);
    return 3;
  }
  if (err instanceof UsageError || err instanceof ZoneFileError) {
    io.stderr.write(`authaudit: ${escapeLines(err.message)}\n`);
    return 2;
  }
  throw err;
}

/** Messages can quote user input and DNS data: escape each line for the terminal, keep the line breaks. */
function escapeLines(message: string): string {
  return message.split('\n').map(escapeControlCharacters).join('\n');
}
