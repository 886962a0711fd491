// A worker thread of `scan --workers N` (started by src/cli/commands/scan.ts): it builds its own
// run context — resolver, bounded answer cache, zone files — from the very options and config file
// the main thread read, by the CLI's own context and resolver factory, then audits each domain it is
// posted (src/scan/serve-worker.ts). It writes nothing itself: its stderr text (--verbose lines) is
// posted to the main thread, which owns the terminal and the output files.
import { parentPort, workerData } from 'node:worker_threads';
import type { GlobalOptions } from './command.js';
import type { MainIo } from './main.js';
import { createContext } from './context.js';
import { scanAuditor } from './scan-auditor.js';
import { loadConfig } from '../config/load.js';
import { UsageError } from '../model/usage-error.js';
import { ZoneFileError } from '../zone/zone-file-error.js';
import { oneLine, postFatal, serveWorker } from '../scan/serve-worker.js';
import type { FromWorker } from '../scan/worker-messages.js';

/** What the main thread gives each worker (plain data). */
export interface ScanWorkerData {
  /** The run's global options, command line and config file already merged. */
  options: GlobalOptions;
  /** The scan command's own options, as commander read them. */
  commandOptions: Record<string, unknown>;
  cwd: string;
  env: NodeJS.ProcessEnv;
  workers: number;
  index: number;
}

const port = parentPort;
if (port === null) throw new Error('bug: scan-worker.js is a worker thread module');
const data = workerData as ScanWorkerData;
const io: MainIo = {
  // the worker's lines go back to the main thread as data; it prints no report of its own
  stdout: { write: () => true },
  stderr: { write: (text: string) => port.postMessage({ kind: 'stderr', text } satisfies FromWorker) },
  env: data.env,
  cwd: data.cwd,
};
try {
  const config = await loadConfig({ cwd: data.cwd, explicit: data.options.config });
  const ctx = await createContext(data.options, config, io);
  serveWorker(port, await scanAuditor(ctx, data.commandOptions, data.workers));
} catch (err) {
  postFatal(port, oneLine(err), err instanceof UsageError || err instanceof ZoneFileError);
}
