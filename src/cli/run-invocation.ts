// What happens once the command line is parsed: read the global options and the config, build the
// resolver, run the command, render, write the --output files, exit. Imported by main.ts only when
// a command runs, so `--help` and `--version` load none of it.
import type { CommandResult } from './command.js';
import { DnsUnusableError } from './command.js';
import { UsageError } from '../model/usage-error.js';
import type { Invocation, MainIo } from './main.js';
import { readGlobalOptions } from './read-global-options.js';
import { createContext } from './context.js';
import { renderOutput } from './render-output.js';
import { writeFilesAtomically } from './write-files.js';
import { applyConfig } from './apply-config.js';
import { loadConfig } from '../config/load.js';
import { assertKnownIgnoreIds } from '../findings/filter.js';
import { findingRegistry } from '../report/finding-registry.js';
import { colorEnabled } from '../report/color.js';
import { escapeControlCharacters } from '../report/escape.js';
import { reportWidth } from '../report/wrap.js';
import { ZoneFileError } from '../zone/zone-file-error.js';

/** Run a parsed invocation; resolves to the exit code. Never throws for user errors. */
export async function runInvocation(inv: Invocation, io: MainIo): Promise<number> {
  try {
    const streams = inv.definition.streamFormats;
    const stream = streams === undefined ? undefined : { formats: streams, formatGiven: inv.explicit.has('format') };
    const typed = readGlobalOptions(inv.globals, colorEnabled(io.env, io.stdout, inv.globals['color'] !== false), io.cwd, stream);
    const config = await loadConfig({ cwd: io.cwd, explicit: typed.config });
    const options = applyConfig(typed, config, inv.explicit);
    assertKnownIgnoreIds(options.ignore, findingRegistry(), config !== null && typed.ignore.length === 0 ? config.file : '--ignore');
    const runner = await inv.definition.load();
    const ctx = await createContext(options, config, io);
    let result: CommandResult;
    try {
      result = await runner.run(ctx, inv.args, inv.options);
    } finally {
      ctx.stopProgress();
    }
    const unusable = ctx.dnsUnusable();
    if (result.streamed === true) {
      // the command wrote its lines as it went (scan); it says itself when its DNS failed
      return result.exitCode ?? 0;
    }
    const rendered = renderOutput(inv.name, result, ctx, io.cwd);
    // with --quiet, reports that go to files are the only output; when no server answered, a text
    // report would only blame the domain for every unanswered question: the one line below says why
    // (JSON and the other formats keep the typed failures for machines)
    const show = !(options.quiet && options.output.length > 0) && !(unusable && options.format === 'text');
    // text fits the terminal (else $COLUMNS, else 100 columns); files get $COLUMNS or 100
    if (show) io.stdout.write(rendered.render(options.format, options.color, reportWidth(io.stdout.columns, io.env)));
    if (unusable) {
      const who = ctx.asked === null ? 'any resolver' : escapeControlCharacters(ctx.asked);
      io.stderr.write(`authaudit: DNS unusable: no answer from ${who} to any question (see --resolver, --doh, --timeout)\n`);
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
