// Phase one of the expansion: ask every question the tree needs, as concurrently as the data allows.
// Each distinct domain's record is fetched once; as soon as a record is parsed, the questions of all
// its terms (include/redirect targets, a, mx then the MX hosts, exists) go out together. Nothing here
// counts: phase two (expand-build.ts) walks the answers in RFC 7208 evaluation order.
import type { DnsAnswer, Resolver, RRType, TXTRecord } from '../dns/types.js';
import { nameKey } from '../model/names.js';
import { joinTxt } from '../model/txt.js';
import { expandDomainSpec, type MacroValues } from './macro-expand.js';
import { macroLetters } from './macro-parse.js';
import { isSpfRecordText } from './parse.js';
import { parseCached, selectCached } from './record-memo.js';
import type { MacroString, Mechanism, ParseError, RecordSelection, SpfRecord, Term } from './types.js';

/** A domain's SPF record as fetched and parsed. */
export interface FetchedRecord {
  answer: DnsAnswer<'TXT'>;
  selection: RecordSelection;
  /** The TXT RR holding the selected record (its strings and source), when there is exactly one. */
  txt: TXTRecord | null;
  /** The parsed record, or the part that parsed when there are syntax errors. */
  record: SpfRecord | null;
  parseErrors: ParseError[];
}

// Only `d` (the current domain) is known without a message; placeholders for the rest are never read.
const PLACEHOLDER: Omit<MacroValues, 'domain'> = {
  sender: '',
  localPart: '',
  senderDomain: '',
  ip: { version: 4, bytes: new Uint8Array(4) },
  helo: '',
  validatedDomain: null,
  receiver: '',
  timestamp: 0,
};

/**
 * The name a domain-spec names when evaluated for `domain` (RFC 7208 §7.3): null when it uses a macro
 * other than `%{d}`, whose value depends on the message. A missing spec means the current domain.
 */
export function specTarget(spec: MacroString | null, domain: string): string | null {
  if (spec === null) return domain;
  for (const letter of macroLetters(spec)) if (letter !== 'd') return null;
  return expandDomainSpec(spec, { ...PLACEHOLDER, domain });
}

/**
 * The mechanisms a receiver may evaluate, in order: up to and including the first `all` (RFC 7208
 * §5.1: later ones are never tested), and `redirect` only when there is no `all` (§6.1).
 */
export function evaluatedTerms(record: SpfRecord): Term[] {
  const out: Term[] = [];
  for (const m of record.mechanisms) {
    out.push(m);
    if (m.mechanism === 'all') return out;
  }
  if (record.redirect) out.push(record.redirect);
  return out;
}

export function answerKey(name: string, type: RRType): string {
  return `${nameKey(name)}|${type}`;
}

export class ExpansionFetcher {
  private readonly answers = new Map<string, DnsAnswer>();
  private readonly asked = new Map<string, Promise<DnsAnswer>>();
  private readonly records = new Map<string, FetchedRecord>();
  private readonly discovered = new Set<string>();
  private readonly pending = new Set<Promise<unknown>>();
  /** True when some domain was not fetched because `maxDomains` was reached. */
  truncated = false;

  constructor(
    private readonly resolver: Resolver,
    private readonly maxDomains: number,
    private readonly maxMxNames: number,
    private readonly signal: AbortSignal | undefined,
  ) {}

  /** The answer, once it has arrived (phase two reads these synchronously). */
  answer<T extends RRType>(name: string, type: T): DnsAnswer<T> | undefined {
    return this.answers.get(answerKey(name, type)) as DnsAnswer<T> | undefined;
  }

  record(domain: string): FetchedRecord | undefined {
    return this.records.get(nameKey(domain));
  }

  /** Ask once per name and type; later callers share the same answer. */
  ask<T extends RRType>(name: string, type: T): Promise<DnsAnswer<T>> {
    const key = answerKey(name, type);
    let promise = this.asked.get(key);
    if (!promise) {
      const options = this.signal ? { signal: this.signal } : undefined;
      promise = this.resolver.query(name, type, options).then((answer) => {
        this.answers.set(key, answer);
        return answer;
      });
      this.asked.set(key, promise);
      this.track(promise);
    }
    return promise as Promise<DnsAnswer<T>>;
  }

  /** Fetch a domain's record (once) and, when it arrives, everything its terms ask. */
  discover(domain: string): void {
    const key = nameKey(domain);
    if (this.discovered.has(key)) return;
    if (this.discovered.size >= this.maxDomains) {
      this.truncated = true;
      return;
    }
    this.discovered.add(key);
    this.track(
      this.ask(domain, 'TXT').then((answer) => {
        const fetched = parseFetched(answer);
        this.records.set(key, fetched);
        if (fetched.record && fetched.parseErrors.length === 0) this.askTerms(domain, fetched.record);
      }),
    );
  }

  /** Resolves when every question asked so far, and every question they led to, is answered. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private askTerms(domain: string, record: SpfRecord): void {
    for (const term of evaluatedTerms(record)) {
      if (term.kind === 'modifier') {
        const target = term.modifier === 'redirect' ? specTarget(term.domain, domain) : null;
        if (target !== null) this.discover(target);
        continue;
      }
      this.askMechanism(domain, term);
    }
  }

  private askMechanism(domain: string, m: Mechanism): void {
    switch (m.mechanism) {
      case 'include': {
        const target = specTarget(m.domain, domain);
        if (target !== null) this.discover(target);
        return;
      }
      case 'a': {
        const target = specTarget(m.domain, domain);
        if (target !== null) {
          void this.ask(target, 'A');
          void this.ask(target, 'AAAA');
        }
        return;
      }
      case 'mx': {
        const target = specTarget(m.domain, domain);
        if (target !== null) {
          this.track(
            this.ask(target, 'MX').then((answer) => {
              for (const host of mxHosts(answer, this.maxMxNames)) {
                void this.ask(host.exchange, 'A');
                void this.ask(host.exchange, 'AAAA');
              }
            }),
          );
        }
        return;
      }
      case 'exists': {
        const target = specTarget(m.domain, domain);
        if (target !== null) void this.ask(target, 'A');
        return;
      }
      case 'all':
      case 'ip4':
      case 'ip6':
      case 'ptr':
        return;
    }
  }

  private track(promise: Promise<unknown>): void {
    this.pending.add(promise);
    const done = (): void => void this.pending.delete(promise);
    promise.then(done, done);
  }
}

/** MX hosts in preference order (RFC 5321 §5.1), the first `limit` of them; a null MX (RFC 7505) has none. */
export function mxHosts(answer: DnsAnswer<'MX'>, limit: number): { exchange: string; preference: number }[] {
  if (answer.kind !== 'records') return [];
  return [...answer.records]
    .filter((r) => r.exchange !== '')
    .sort((a, b) => a.preference - b.preference)
    .slice(0, limit)
    .map((r) => ({ exchange: r.exchange, preference: r.preference }));
}

/** A provider's record sits in the trees of hundreds of domains: selected and parsed once (record-memo.ts). */
function parseFetched(answer: DnsAnswer<'TXT'>): FetchedRecord {
  const selection = selectCached(answer);
  if (selection.kind !== 'record') return { answer, selection, txt: null, record: null, parseErrors: [] };
  const txt =
    answer.kind === 'records' ? (answer.records.find((r) => isSpfRecordText(joinTxt(r.strings))) ?? null) : null;
  const parsed = parseCached(selection.text);
  return parsed.ok
    ? { answer, selection, txt, record: parsed.record, parseErrors: [] }
    : { answer, selection, txt, record: parsed.partial, parseErrors: [...parsed.errors] };
}
