// A worker thread's side of `scan --workers N`: audit each domain the main thread posts, post back
// what the scan keeps of it (DomainDone). An exception in an audit is a bug: it is posted as
// `fatal` (the main thread stops every worker and says so in one line), never left uncaught.
import type { MessagePort } from 'node:worker_threads';
import type { DomainDone } from './domain-done.js';
import type { FromWorker, ToWorker } from './worker-messages.js';

/** The message of an error, on one line. */
export const oneLine = (err: unknown): string => (err instanceof Error ? err.message : String(err)).replace(/\s*\n\s*/g, ' ');

export function serveWorker(port: MessagePort, audit: (line: number, domain: string) => Promise<DomainDone>): void {
  port.on('message', (message: ToWorker) => {
    audit(message.line, message.domain).then(
      (done) => port.postMessage({ kind: 'done', id: message.id, done } satisfies FromWorker),
      (err: unknown) => port.postMessage({ kind: 'fatal', message: `${message.domain}: ${oneLine(err)}`, usage: false } satisfies FromWorker),
    );
  });
}

/** Tell the main thread that this worker cannot start or go on. */
export function postFatal(port: MessagePort, message: string, usage: boolean): void {
  port.postMessage({ kind: 'fatal', message, usage } satisfies FromWorker);
}
