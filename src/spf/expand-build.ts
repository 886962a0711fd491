// Phase two of the expansion: walk the fetched answers in RFC 7208 evaluation order (mechanisms left
// to right, an include's record in place of the include, redirect last) and count as a receiver counts.
// Nothing stops at the limits: the walk goes on and marks what lies beyond them.
import type { DnsAnswer } from '../dns/types.js';
import { nameKey } from '../model/names.js';
import { mechanismBlock, type TermBlock } from './expand-ranges.js';
import type { SpfRun } from './spf-run.js';
import { evaluatedTerms, mxHosts, type ExpansionFetcher } from './expand-fetch.js';
import { spfRecordsOf } from './select-record.js';
import { txtAnswerSize } from './answer-size.js';
import type {
  ANode,
  AuthorizedRange,
  DnsProblem,
  ExistsNode,
  ExpansionFailure,
  FamilyCounts,
  InOrderNode,
  IpNode,
  LimitCrossing,
  LookupNode,
  MxNode,
  ResolvedHost,
  SpfTermNode,
  SpfTreeNode,
  VoidNode,
} from './expand-types.js';
import type { DualCidr, Term } from './types.js';
import { markIgnored, markNotEvaluated, termPair, type InOrderPair, type TermPair } from './expand-terms.js';
import { hostVoids } from './host-failures.js';

export interface BuildLimits {
  maxLookups: number;
  maxVoidLookups: number;
  maxMxNames: number;
  maxNodes: number;
}

export class TreeBuilder {
  lookups = 0;
  voids = 0;
  nodes = 0;
  crossing: LimitCrossing | null = null;
  voidCrossing: LimitCrossing | null = null;
  /**
   * Void lookups per client family: those of every client (`voids`) and those of one family only (an
   * `a` name or MX host with addresses of the other family: receivers ask only the client's family,
   * RFC 7208 §5.3, §5.4), with where each family's count first passes the limit.
   */
  familyVoids: FamilyCounts<number> = { ip4: 0, ip6: 0 };
  familyVoidCrossing: FamilyCounts<LimitCrossing | null> = { ip4: null, ip6: null };
  loops: string[][] = [];
  failures: ExpansionFailure[] = [];
  ranges: AuthorizedRange[] = [];
  dependsOnMessage = false;
  truncated = false;
  /** A limit has been passed (lookups, void lookups, MX names): receivers have stopped with permerror. */
  private stopped = false;
  private readonly occurrences = new Map<string, number>();

  constructor(
    private readonly fetcher: ExpansionFetcher,
    private readonly limits: BuildLimits,
    private readonly run: SpfRun,
  ) {}

  /** Domains that appear more than once, with their counts, in first-seen order. */
  duplicates(): { domain: string; count: number }[] {
    return [...this.occurrences].filter(([, count]) => count > 1).map(([domain, count]) => ({ domain, count }));
  }

  node(domain: string, via: SpfTreeNode['via'], ancestors: string[]): SpfTreeNode {
    const path = [...ancestors, domain];
    const node = emptyNode(domain, via, path, this.lookups);
    // RFC 7208 §4.6.4: the limits are what stop a loop at a receiver; here it is cut where it closes.
    if (ancestors.some((a) => nameKey(a) === nameKey(domain))) {
      node.status = 'loop';
      node.loop = path;
      this.loops.push(path);
      return node;
    }
    const fetched = this.fetcher.record(domain);
    if (fetched === undefined || this.nodes >= this.limits.maxNodes) {
      this.truncated = true;
      return node;
    }
    this.nodes++;
    const key = nameKey(domain);
    node.occurrence = (this.occurrences.get(key) ?? 0) + 1;
    this.occurrences.set(key, node.occurrence);
    node.cnameChain = fetched.answer.cnameChain.map((link) => link.target);

    const selection = fetched.selection;
    switch (selection.kind) {
      case 'failure': {
        node.status = 'failure';
        node.failure = { name: domain, type: 'TXT', failure: selection.failure, detail: selection.detail };
        this.failures.push({ problem: node.failure, domain, term: null, position: null, path });
        return node;
      }
      case 'none':
        node.status = 'none';
        node.noneReason = selection.reason;
        return node;
      case 'multiple': {
        node.status = 'multiple';
        const found = spfRecordsOf(fetched.answer);
        node.records = found.map((f) => f.text);
        node.recordSources = found.map((f) => f.source);
        // The first record's line stands for the name in evidence (each is listed with its own).
        node.source = node.recordSources[0] ?? null;
        return node;
      }
      case 'record':
        break;
    }
    node.status = 'record';
    node.record = selection.text;
    node.records = [selection.text];
    if (fetched.txt) {
      node.stringLengths = fetched.txt.strings.map((s) => s.length);
      node.ttl = fetched.txt.ttl;
      node.source = fetched.txt.source ?? null;
    }
    node.recordSources = [node.source];
    if (fetched.answer.kind === 'records') {
      node.answerBytes = txtAnswerSize(domain, fetched.answer.records, fetched.answer.cnameChain);
    }
    node.parseErrors = fetched.parseErrors;
    const record = fetched.record;
    if (record === null) return node;

    const pairs = new Map<Term, TermPair>();
    node.terms = record.terms.map((term) => {
      const pair = termPair(term, domain);
      pairs.set(term, pair);
      return pair.node;
    });
    // RFC 7208 §4.6: a record with a syntax error gives permerror before any term is evaluated.
    if (fetched.parseErrors.length > 0) {
      for (const t of node.terms) markNotEvaluated(t, 'syntax-error');
      return node;
    }
    markIgnored(record, pairs);
    const voidsBefore = this.voids;
    for (const term of evaluatedTerms(record)) {
      const pair = pairs.get(term);
      if (pair && pair.name !== 'exp' && pair.name !== 'unknown') this.evaluate(node, pair);
    }
    node.subtreeLookups = this.lookups - node.lookupsBefore;
    node.subtreeVoidLookups = this.voids - voidsBefore;
    return node;
  }

  /** One term a receiver evaluates, in order: its lookup counted first (RFC 7208 §4.6.4), then its question. */
  private evaluate(node: SpfTreeNode, pair: InOrderPair): void {
    const stoppedBefore = this.stopped;
    switch (pair.name) {
      case 'all':
        this.finish(pair.node, stoppedBefore);
        return;
      case 'ip4':
      case 'ip6': {
        const block = mechanismBlock(pair.term);
        if (block) this.addRanges(node, pair.node, [block]);
        this.finish(pair.node, stoppedBefore);
        return;
      }
      case 'ptr': {
        const t = pair.node;
        this.countLookup(node, t);
        // RFC 7208 §5.5: the question is about the connecting address; nothing to follow here.
        this.dependsOnMessage = true;
        this.finish(t, stoppedBefore || t.beyondLimit);
        return;
      }
      case 'include':
      case 'redirect': {
        const t = pair.node;
        this.countLookup(node, t);
        if (t.target !== null) {
          this.countVoid(node, t, this.fetcher.answer(t.target, 'TXT'));
          t.child = this.node(t.target, pair.name, node.path);
        }
        this.finish(t, stoppedBefore || t.beyondLimit, t.beyondVoidLimit);
        return;
      }
      case 'exists': {
        const t = pair.node;
        this.countLookup(node, t);
        if (t.target !== null) {
          const answer = this.fetcher.answer(t.target, 'A');
          this.noteFailure(node, t, answer);
          this.countVoid(node, t, answer);
          t.exists = answer?.kind === 'failure' || answer === undefined ? null : answer.kind === 'records' && answer.records.length > 0;
        }
        this.finish(t, stoppedBefore || t.beyondLimit, t.beyondVoidLimit);
        return;
      }
      case 'a': {
        const t = pair.node;
        this.countLookup(node, t);
        if (t.target !== null) {
          const { host, blocks } = this.host(node, t, t.target, null, pair.term.cidr);
          t.hosts = [host];
          this.countVoid(node, t, host.empty && host.failure === null ? 'void' : null);
          if (!t.void) this.spendOneFamily(node, t, hostVoids(host), null);
          this.addRanges(node, t, blocks);
        }
        this.finishHosts(t, stoppedBefore || t.beyondLimit);
        return;
      }
      case 'mx': {
        const t = pair.node;
        this.countLookup(node, t);
        if (t.target !== null) this.evaluateMx(node, pair.term.cidr, t, t.target);
        this.finishHosts(t, stoppedBefore || t.beyondLimit || t.mxOverLimit);
        return;
      }
    }
  }

  /** RFC 7208 §4.6.4: one more DNS-querying term, counted before it is evaluated; the 11th gives permerror. */
  private countLookup(node: SpfTreeNode, t: LookupNode): void {
    this.lookups++;
    node.lookups++;
    t.lookup = this.lookups;
    if (this.lookups > this.limits.maxLookups) {
      t.beyondLimit = true;
      this.stopped = true;
      this.crossing ??= crossingAt(this.lookups, node, t);
    }
    if (t.macro) this.dependsOnMessage = true;
  }

  /** Where the count stands after the term, and whether receivers ever get a match from it. */
  private finish(t: InOrderNode, unasked: boolean, pastVoidLimit = false): void {
    t.runningTotal = this.lookups;
    t.pastLimit = unasked || pastVoidLimit;
  }

  /**
   * As `finish`, for `a`/`mx`: an `mx` term whose void limit was passed at one of its hosts (not by its
   * own MX question) still matches the addresses of the hosts asked before that one (RFC 7208 §5.4: in
   * order, the first that matches decides); the hosts receivers never ask are marked.
   */
  private finishHosts(t: ANode | MxNode, unasked: boolean): void {
    this.finish(t, unasked, t.beyondVoidLimit && !this.matchesBeforeVoidLimit(t));
    markHostsPastLimit(t, unasked, this.limits.maxVoidLookups);
  }

  private matchesBeforeVoidLimit(t: ANode | MxNode): boolean {
    const hosts = t.hosts ?? [];
    const at = hosts.findIndex((h) => (h.voidNumber ?? 0) > this.limits.maxVoidLookups);
    return at > 0 && hosts.slice(0, at).some((h) => (h.ranges?.length ?? 0) > 0);
  }

  private evaluateMx(node: SpfTreeNode, cidr: DualCidr, t: MxNode, target: string): void {
    const answer = this.fetcher.answer(target, 'MX');
    this.noteFailure(node, t, answer);
    this.countVoid(node, t, answer);
    if (answer?.kind !== 'records') return;
    t.mxNames = answer.records.filter((r) => r.exchange !== '').length;
    // RFC 7208 §4.6.4: more than 10 MX names to look up makes the mechanism permerror.
    t.mxOverLimit = t.mxNames > this.limits.maxMxNames;
    if (t.mxOverLimit) this.stopped = true;
    // RFC 7208 §5.4: receivers ask the hosts' addresses in this order and stop at the first that
    // matches, so a host's failure reaches only the clients the hosts before it did not match
    const resolved = mxHosts(answer, this.limits.maxMxNames).map((h) => this.host(node, t, h.exchange, h.preference, cidr));
    t.hosts = resolved.map((r) => r.host);
    // RFC 7208 §4.6.4: each MX host's address lookup answered NXDOMAIN or with no records is a void
    // lookup (as pyspf and Mail::SPF count them, see check-host-terms.ts). A host with no address at all
    // is one for every client (`void`, numbered on the host); a host with addresses of one family only
    // is one for the other family's clients (that family's count), as for the name of `a`.
    for (const host of t.hosts) {
      const v = hostVoids(host);
      if (v.ip4 && v.ip6) host.voidNumber = this.spendVoid(node, t, host.name);
      else this.spendOneFamily(node, t, v, host.name);
    }
    this.addRanges(node, t, resolved.flatMap((r) => r.blocks));
  }

  /**
   * One `a`/`mx` name's addresses and the blocks they match. Each address question is kept apart:
   * receivers ask A for IPv4 clients and AAAA for IPv6 ones (RFC 7208 §5.3, §5.4), so a failed AAAA
   * question gives temperror to IPv6 clients only (§5, §4.4).
   */
  private host(
    node: SpfTreeNode,
    t: ANode | MxNode,
    name: string,
    preference: number | null,
    cidr: DualCidr,
  ): { host: ResolvedHost; blocks: TermBlock[] } {
    const a = this.fetcher.answer(name, 'A');
    const aaaa = this.fetcher.answer(name, 'AAAA');
    const ip4Failure = a?.kind === 'failure' ? problemOf(a) : null;
    const ip6Failure = aaaa?.kind === 'failure' ? problemOf(aaaa) : null;
    const problem = ip4Failure ?? ip6Failure;
    if (problem) {
      t.failure ??= problem;
      this.failures.push({ problem, domain: node.domain, term: t.text, position: t.position, path: node.path });
    }
    const ip4 = a?.kind === 'records' ? a.records.map((r) => r.address) : [];
    const ip6 = aaaa?.kind === 'records' ? aaaa.records.map((r) => r.address) : [];
    const blocks = hostCidrs(ip4, ip6, cidr, this.run);
    const ranges = [...new Set(blocks.map((b) => b.text))];
    const empty = ip4.length === 0 && ip6.length === 0;
    const host: ResolvedHost = { name, preference, ip4, ip6, empty, failure: problem, ip4Failure, ip6Failure, ranges, voidNumber: null, pastLimit: false };
    return { host, blocks };
  }

  /**
   * RFC 7208 §4.6.4: a void lookup is a term whose DNS question gets NXDOMAIN or an answer with no
   * records. For `a`, both address families must be empty to count for every client (a receiver asks
   * only the client's family: a name with only A records counts for IPv6 clients alone, in their count).
   */
  private countVoid(node: SpfTreeNode, t: VoidNode, answer: DnsAnswer | 'void' | null | undefined): void {
    const isVoid =
      answer === 'void' || (typeof answer === 'object' && answer !== null && (answer.kind === 'nxdomain' || answer.kind === 'nodata'));
    if (!isVoid || t.void) return;
    t.void = true;
    t.voidNumber = this.spendVoid(node, t, null);
  }

  /** One more void lookup, at the term's own question or (`host`) at one of its MX hosts; its number. */
  private spendVoid(node: SpfTreeNode, t: VoidNode, host: string | null): number {
    this.voids++;
    node.voidLookups++;
    if (this.voids > this.limits.maxVoidLookups) {
      t.beyondVoidLimit = true;
      this.stopped = true;
      this.voidCrossing ??= crossingAt(this.voids, node, t, host);
    }
    this.spendFamily(node, t, 'ip4', host);
    this.spendFamily(node, t, 'ip6', host);
    return this.voids;
  }

  /** A void lookup for the clients of one family only (`families` has one of the two set, or none). */
  private spendOneFamily(node: SpfTreeNode, t: ANode | MxNode, families: FamilyCounts<boolean>, host: string | null): void {
    if (families.ip4 !== families.ip6) this.spendFamily(node, t, families.ip4 ? 'ip4' : 'ip6', host);
  }

  private spendFamily(node: SpfTreeNode, t: SpfTermNode, family: keyof FamilyCounts<number>, host: string | null): void {
    const count = ++this.familyVoids[family];
    if (count > this.limits.maxVoidLookups) this.familyVoidCrossing[family] ??= crossingAt(count, node, t, host);
  }

  private noteFailure(node: SpfTreeNode, t: ExistsNode | MxNode, answer: DnsAnswer | undefined): void {
    if (answer?.kind !== 'failure') return;
    t.failure = problemOf(answer);
    this.failures.push({ problem: t.failure, domain: node.domain, term: t.text, position: t.position, path: node.path });
  }

  private addRanges(node: SpfTreeNode, t: IpNode | ANode | MxNode, blocks: TermBlock[]): void {
    const seen = new Set<string>();
    for (const { cidr, text } of blocks) {
      if (seen.has(text)) continue;
      seen.add(text);
      t.ranges.push(text);
      this.ranges.push({
        family: cidr.family,
        cidr: text,
        qualifier: t.qualifier,
        domain: node.domain,
        term: t.text,
        position: t.position,
        path: node.path,
      });
    }
  }
}

function problemOf(answer: DnsAnswer & { kind: 'failure' }): DnsProblem {
  return { name: answer.name, type: answer.type, failure: answer.failure, detail: answer.detail };
}

/** The blocks an `a`/`mx` host matches, with the term's dual CIDR (RFC 7208 §5.6: /32 and /128 by default). */
function hostCidrs(ip4: string[], ip6: string[], cidr: DualCidr, run: SpfRun): TermBlock[] {
  const out: TermBlock[] = [];
  for (const [addresses, prefix] of [
    [ip4, cidr.ip4 ?? 32],
    [ip6, cidr.ip6 ?? 128],
  ] as const) {
    for (const text of addresses) {
      const block = run.block(text, prefix);
      if (block) out.push(block);
    }
  }
  return out;
}

/**
 * The hosts of an `a`/`mx` term receivers never ask: all of them when a limit stops receivers before
 * the term's hosts (`unasked`), else those from the first MX host whose void lookup is over `voidLimit`
 * on (RFC 7208 §4.6.4: permerror there).
 */
function markHostsPastLimit(t: ANode | MxNode, unasked: boolean, voidLimit: number): void {
  let past = unasked;
  for (const h of t.hosts ?? []) {
    past ||= (h.voidNumber ?? 0) > voidLimit;
    h.pastLimit = past;
  }
}

function crossingAt(count: number, node: SpfTreeNode, t: SpfTermNode, host: string | null = null): LimitCrossing {
  return {
    count,
    domain: node.domain,
    term: t.text,
    position: t.position,
    host,
    path: node.path,
    source: node.source,
    record: node.record,
  };
}

function emptyNode(domain: string, via: SpfTreeNode['via'], path: string[], lookupsBefore: number): SpfTreeNode {
  return {
    domain,
    via,
    path,
    depth: path.length - 1,
    status: 'truncated',
    noneReason: null,
    record: null,
    records: [],
    recordSources: [],
    stringLengths: null,
    answerBytes: null,
    ttl: null,
    source: null,
    cnameChain: [],
    failure: null,
    parseErrors: [],
    loop: null,
    occurrence: 0,
    type99: { asked: false },
    terms: [],
    lookups: 0,
    subtreeLookups: 0,
    voidLookups: 0,
    subtreeVoidLookups: 0,
    lookupsBefore,
  };
}
