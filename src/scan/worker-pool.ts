// The main thread's side of `scan --workers N`: N worker threads, each auditing the domains it is
// posted and posting back what the scan keeps of each (DomainDone). The first failure of any worker
// (an error it reports, an uncaught exception, an exit nobody asked for) ends them all: every
// domain still waiting is rejected with one ScanWorkerError, so a scan never hangs on a dead worker.
import { Worker } from 'node:worker_threads';
import type { DomainDone } from './domain-done.js';
import type { FromWorker, ToWorker } from './worker-messages.js';

/** Why the workers stopped; `usage`: bad input (exit 2), else a bug. */
export class ScanWorkerError extends Error {
  override name = 'ScanWorkerError';
  constructor(
    message: string,
    readonly usage: boolean,
  ) {
    super(message);
  }
}

export interface WorkerPool {
  readonly size: number;
  /** Audit a domain on worker `worker` (0 … size − 1). */
  audit(worker: number, line: number, domain: string): Promise<DomainDone>;
  /** Stop every worker (also after a failure); resolves when they are gone. */
  close(): Promise<void>;
}

export interface WorkerPoolOptions {
  /** The worker's module. */
  script: URL;
  size: number;
  /** Given to each worker as `workerData`, with its `index` added. */
  data: Record<string, unknown>;
  /** A worker's stderr text (posted to the main thread, which owns the terminal). */
  onStderr(text: string): void;
}

export function startWorkerPool(options: WorkerPoolOptions): WorkerPool {
  const pending = new Map<number, { resolve(done: DomainDone): void; reject(err: Error): void }>();
  let nextId = 0;
  let failure: ScanWorkerError | null = null;
  let closing = false;
  const workers: Worker[] = [];
  const stopAll = (): Promise<unknown> => Promise.all(workers.map((w) => w.terminate()));
  const fail = (err: ScanWorkerError): void => {
    if (failure !== null || closing) return;
    failure = err;
    for (const waiting of pending.values()) waiting.reject(err);
    pending.clear();
    void stopAll();
  };
  for (let index = 0; index < options.size; index++) {
    const name = `scan worker ${index + 1} of ${options.size}`;
    const worker = new Worker(options.script, { workerData: { ...options.data, index } });
    worker.on('message', (message: FromWorker) => {
      if (message.kind === 'stderr') options.onStderr(message.text);
      else if (message.kind === 'fatal') fail(new ScanWorkerError(message.usage ? message.message : `${name}: ${message.message}`, message.usage));
      else {
        const waiting = pending.get(message.id);
        pending.delete(message.id);
        waiting?.resolve(message.done);
      }
    });
    worker.on('error', (err) => fail(new ScanWorkerError(`${name} stopped: ${err.message}`, false)));
    worker.on('messageerror', (err) => fail(new ScanWorkerError(`${name}: a message could not be read: ${err.message}`, false)));
    worker.on('exit', (code) => fail(new ScanWorkerError(`${name} stopped (exit code ${code})`, false)));
    workers.push(worker);
  }
  return {
    size: options.size,
    audit(index, line, domain) {
      if (failure !== null) return Promise.reject(failure);
      const worker = workers[index];
      if (worker === undefined) return Promise.reject(new RangeError(`no scan worker ${index}`));
      const id = nextId++;
      return new Promise<DomainDone>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ kind: 'audit', id, line, domain } satisfies ToWorker);
      });
    },
    async close() {
      closing = true;
      await stopAll();
    },
  };
}
