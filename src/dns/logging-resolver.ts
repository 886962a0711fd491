// Reports every question and its answer to a callback (for --verbose), without changing either.

import { escapeForTerminal } from '../report/escape.js';
import { joinTxt } from './txt.js';
import type { DnsAnswer, DnsRecord, QueryOptions, RRType, Resolver } from './types.js';

export interface QueryEvent {
  name: string;
  type: RRType;
  answer: DnsAnswer;
  /** Time from question to answer, in milliseconds. */
  elapsedMs: number;
}

export interface LoggingResolverOptions {
  /** Milliseconds on a monotonic clock; injectable for tests. Default performance.now(). */
  now?: () => number;
}

export class LoggingResolver implements Resolver {
  private readonly now: () => number;

  constructor(
    private readonly inner: Resolver,
    private readonly onAnswer: (event: QueryEvent) => void,
    options: LoggingResolverOptions = {},
  ) {
    this.now = options.now ?? (() => performance.now());
  }

  async query<T extends RRType>(name: string, type: T, options?: QueryOptions): Promise<DnsAnswer<T>> {
    const started = this.now();
    const answer = await this.inner.query(name, type, options);
    this.onAnswer({ name, type, answer, elapsedMs: this.now() - started });
    return answer;
  }
}

function recordData(record: DnsRecord): string {
  switch (record.type) {
    case 'A':
    case 'AAAA':
      return record.address;
    case 'MX':
      return `${record.preference} ${record.exchange || '.'}`;
    case 'TXT':
    case 'SPF':
      return JSON.stringify(joinTxt(record.strings));
    case 'PTR':
    case 'CNAME':
    case 'NS':
      return record.target || '.';
    case 'SOA':
      return `${record.mname} ${record.rname} ${record.serial}`;
  }
}

/**
 * One line for a log: `example.com TXT -> 2 records (ttl 300): "v=spf1 …" | …`. DNS text is
 * attacker-controlled, so the line is escaped for the terminal.
 */
export function describeAnswer(answer: DnsAnswer): string {
  const chain = answer.cnameChain.map((l) => ` -> CNAME ${l.target}`).join('');
  const head = `${answer.name} ${answer.type}${chain}`;
  let outcome: string;
  switch (answer.kind) {
    case 'records': {
      const ttl = Math.min(...answer.records.map((r) => r.ttl));
      const count = answer.records.length === 1 ? '1 record' : `${answer.records.length} records`;
      outcome = `${count} (ttl ${ttl}): ${answer.records.map(recordData).join(' | ')}`;
      break;
    }
    case 'nxdomain':
      outcome = `NXDOMAIN${answer.ttl === null ? '' : ` (ttl ${answer.ttl})`}`;
      break;
    case 'nodata':
      outcome = `no data${answer.ttl === null ? '' : ` (ttl ${answer.ttl})`}`;
      break;
    case 'failure':
      outcome = `failure ${answer.failure}: ${answer.detail}`;
      break;
  }
  return escapeForTerminal(`${head} -> ${outcome}`);
}
