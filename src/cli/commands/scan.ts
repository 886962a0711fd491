// `authaudit scan --input FILE|-`: many domains, streamed. The input is read as the scan goes (a
// bounded queue), each domain's line is written the moment it finishes (stdout, and each --output
// file with one write per whole line, so a crash leaves only whole lines), and per domain nothing
// is kept but its name and the summary counters. Exit 0 whatever the findings unless --fail-on is
// given; 2 for bad usage; 3 only when every domain's DNS failed. With --workers N the audits run in
// N threads, this one and N − 1 worker threads (src/cli/scan-worker.ts), each with its own resolver
// and cache; this thread also reads the input, writes the lines and merges the summary.
import { closeSync, createReadStream, fstatSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { CliContext, CommandResult, CommandRunner, StreamOptions } from '../command.js';
import { UsageError } from '../../model/usage-error.js';
import { fileErrorReason } from '../../zone/file-source.js';
import { escapeForTerminal } from '../../report/escape.js';
import { writeFilesAtomically } from '../write-files.js';
import { createProgress } from '../progress.js';
import { parseOutputTargets } from '../read-global-options.js';
import { linesToStdout, readScanNumbers, scanAuditor } from '../scan-auditor.js';
import type { ScanWorkerData } from '../scan-worker.js';
import { inputItems } from '../../scan/input-lines.js';
import { readResumed } from '../../scan/resume.js';
import { runScan } from '../../scan/run-scan.js';
import { csvHeader } from '../../scan/csv-row.js';
import { summaryJson, summaryText } from '../../scan/summary.js';
import type { DomainDone } from '../../scan/domain-done.js';
import { ScanWorkerError, startWorkerPool, type WorkerPool } from '../../scan/worker-pool.js';
import type { ScanFormat } from '../../scan/types.js';
import { EXIT_DNS_UNUSABLE, EXIT_FINDINGS, EXIT_OK } from '../exit-code.js';

interface Sink {
  format: ScanFormat;
  write(text: string): void;
  close(): void;
}

/** An --output file, opened before the scan starts: appended to with --resume, else written anew. */
function openSink(target: { file: string; path: string }, format: ScanFormat, resume: boolean): Sink {
  let fd: number;
  try {
    fd = openSync(target.path, resume ? 'a' : 'w');
  } catch (err) {
    throw new UsageError(`cannot write '${target.file}': ${fileErrorReason(err, 'no such folder')}`);
  }
  const sink: Sink = {
    format,
    write(text) {
      try {
        writeSync(fd, text); // one call per whole line
      } catch (err) {
        throw new UsageError(`cannot write '${target.file}': ${fileErrorReason(err, 'no such folder')}`);
      }
    },
    close: () => closeSync(fd),
  };
  if (format === 'csv' && fstatSync(fd).size === 0) sink.write(csvHeader());
  return sink;
}

/** The input's lines, read as they are needed; an unreadable file is a usage error before any question. */
function openInput(input: string, cwd: string): { lines: AsyncIterable<string>; shown: string; file: string | null } {
  if (input === '-') return { lines: linesOf(null), shown: 'standard input', file: null };
  const file = path.resolve(cwd, input);
  try {
    const fd = openSync(file, 'r');
    const isFile = fstatSync(fd).isFile() || fstatSync(fd).isFIFO();
    closeSync(fd);
    if (!isFile) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
  } catch (err) {
    throw new UsageError(`--input: cannot read '${input}': ${fileErrorReason(err)}`);
  }
  return { lines: linesOf(file), shown: input, file };
}

/**
 * The lines of a file (null: standard input), opened when the first line is wanted: readline reads
 * as soon as it is made, and lines it reads before anyone iterates are lost.
 */
async function* linesOf(file: string | null): AsyncGenerator<string> {
  yield* createInterface({ input: file === null ? process.stdin : createReadStream(file), crlfDelay: Infinity });
}

/** Domains a file names (for the progress total), counted in a first quick pass. */
async function countDomains(file: string): Promise<number> {
  let n = 0;
  for await (const item of inputItems(linesOf(file))) if (item.ok) n++;
  return n;
}

const duration = (seconds: number): string => {
  const s = Math.max(0, Math.round(seconds));
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
};

export const scanCommand: CommandRunner = {
  async run(ctx: CliContext, _args, options): Promise<CommandResult> {
    const stream = ctx.options.stream as StreamOptions;
    const format = stream.format as ScanFormat;
    const io = ctx.io;
    const { concurrency, workers } = readScanNumbers(options);
    const resume = options['resume'] === true;
    if (resume && stream.output.length !== 1) {
      throw new UsageError(`--resume needs exactly one --output file to carry on from (got ${stream.output.length})`);
    }
    const summaryFile = typeof options['summary'] === 'string' ? options['summary'] : null;
    if (summaryFile !== null) {
      // the same checks as --output: a folder that is there, a name that is not a folder, before any question
      const checked = parseOutputTargets([`json=${summaryFile}`], 'json', io.cwd);
      if (stream.output.some((t) => t.path === checked[0]?.path)) throw new UsageError(`--summary '${summaryFile}': --output writes that file too`);
    }
    const input = openInput(String(options['input']), io.cwd);
    // this thread audits its share of the domains (all of them without --workers); a bad option or
    // profile file is told here, once, before any worker starts
    const auditHere = await scanAuditor(ctx, options, workers);
    const carryOn = resume ? stream.output[0] : undefined;
    const resumed = carryOn === undefined ? null : await readResumed(carryOn.path, carryOn.file, carryOn.format as ScanFormat);
    if (carryOn !== undefined && resumed !== null && resumed.tornBytes > 0) {
      io.stderr.write(`authaudit: --resume: cut a torn last line (${resumed.tornBytes} bytes) off '${escapeForTerminal(carryOn.file)}'\n`);
    }
    const sinks = stream.output.map((t) => openSink(t, t.format as ScanFormat, resume));
    const toStdout = linesToStdout(ctx.options);
    if (toStdout && format === 'csv') io.stdout.write(csvHeader());

    const progress = await createProgress({
      isTTY: io.stderr.isTTY,
      columns: io.stderr.columns,
      format: 'text',
      quiet: ctx.options.quiet,
      verbose: ctx.options.verbose,
      env: io.env,
      stream: io.stderr,
      forced: options['progress'] === true,
    });
    let pool: WorkerPool | null = null;
    try {
      if (workers > 1) {
        // this thread is one of the N: it audits its share too (one isolate, its memory and its
        // warm-up fewer than N workers and an idle main thread; measured in README "Performance")
        pool = startWorkerPool({
          script: new URL('../scan-worker.js', import.meta.url),
          size: workers - 1,
          data: { options: ctx.options, commandOptions: options, cwd: io.cwd, env: io.env, workers } satisfies Omit<ScanWorkerData, 'index'>,
          onStderr(text) {
            progress.stop();
            io.stderr.write(text);
          },
        });
      }
      const total = progress.enabled && input.file !== null ? await countDomains(input.file) : null;
      const started = performance.now();
      let done = 0;
      let failed = 0;
      let failing = false;
      const failOnGiven = stream.failOnGiven || ctx.config?.failOn != null;
      const showProgress = (): void => {
        if (!progress.enabled) return;
        const seconds = (performance.now() - started) / 1000;
        const rate = seconds > 0 ? done / seconds : 0;
        const eta = total !== null && rate > 0 ? ` · ETA ${duration((total - done) / rate)}` : '';
        progress.message(`${done}${total === null ? '' : ` of ${total}`} domains · ${rate.toFixed(1)}/s${eta} · ${failed} DNS failed`);
      };
      const inPool = pool;
      const summary = await runScan(inputItems(input.lines), {
        // --concurrency domains in flight on each of the N threads: lane i is thread i mod N's (0: this one)
        lanes: concurrency * workers,
        skip: resumed?.done ?? new Set(),
        audit: (line, domain, lane) => (inPool === null || lane % workers === 0 ? auditHere(line, domain) : inPool.audit((lane % workers) - 1, line, domain)),
        onDone(result: DomainDone) {
          done++;
          if (result.dnsFailed) failed++;
          if (result.failing) failing = true;
          const stdoutLine = result.lines[format];
          if (toStdout && stdoutLine !== undefined) io.stdout.write(stdoutLine);
          for (const sink of sinks) {
            const text = result.lines[sink.format];
            if (text !== undefined) sink.write(text);
          }
          showProgress();
        },
        onBadLine(line, reason) {
          progress.stop();
          io.stderr.write(`authaudit: ${escapeForTerminal(input.shown)}:${line}: ${escapeForTerminal(reason)} (line skipped)\n`);
        },
      });
      progress.stop();
      const seconds = (performance.now() - started) / 1000;
      if (summaryFile !== null) {
        writeFilesAtomically([{ path: path.resolve(io.cwd, summaryFile), shown: summaryFile, text: `${JSON.stringify(summaryJson(summary, seconds), null, 2)}\n` }]);
      } else if (!ctx.options.quiet) {
        io.stderr.write(summaryText(summary, seconds));
      }
      let exitCode: number = failOnGiven && failing ? EXIT_FINDINGS : EXIT_OK;
      if (summary.audited > 0 && summary.dnsFailed === summary.audited) {
        io.stderr.write(`authaudit: DNS unusable: every question of every domain failed (see --resolver, --doh, --timeout, --deadline)\n`);
        exitCode = EXIT_DNS_UNUSABLE;
      }
      return { data: {}, findings: [], renderText: () => '', streamed: true, exitCode };
    } catch (err) {
      // a worker's bad input is bad input (exit 2); anything else a worker met is a bug, told in one line
      if (err instanceof ScanWorkerError && err.usage) throw new UsageError(err.message);
      throw err;
    } finally {
      progress.stop();
      for (const sink of sinks) sink.close();
      await pool?.close();
    }
  },
};
