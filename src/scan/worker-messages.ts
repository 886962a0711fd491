// What the main thread of a scan and its worker threads say to each other (src/scan/worker-pool.ts,
// src/scan/serve-worker.ts): a domain to audit; its result, a line for stderr, or why the worker
// cannot go on. Plain data, copied by postMessage.
import type { DomainDone } from './domain-done.js';

export type ToWorker = { kind: 'audit'; id: number; line: number; domain: string };

export type FromWorker =
  | { kind: 'done'; id: number; done: DomainDone }
  /** Text for the main thread's stderr (--verbose DNS lines, warnings). */
  | { kind: 'stderr'; text: string }
  /** The worker cannot go on: `usage` for bad input (exit 2, e.g. a zone file it cannot read), else a bug. */
  | { kind: 'fatal'; message: string; usage: boolean };
