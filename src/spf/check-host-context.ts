// The state of one check_host() evaluation: the resolver behind a deadline, the RFC 7208 §4.6.4
// counters, the trace, the lazily computed validated domain names of the client (for ptr and %{p}),
// and the SPF run it belongs to (spf-run.ts), which remembers names and addresses across evaluations.
import type { DnsAnswer, FailureAnswer, RRType, Resolver } from '../dns/types.js';
import { ipInCidr, maxPrefix, type IpAddress } from '../net/ip.js';
import { reverseName } from '../net/reverse-name.js';
import type { MacroValues } from './macro-expand.js';
import { withoutTrailingDot } from './check-host-names.js';
import type { SpfRun } from './spf-run.js';
import type { SpfLimits } from './limits.js';
import type { SpfResult, TraceEntry, TraceOutcome } from './types.js';

/** RFC 7208 §4.6.4: an overall limit of at least 20 seconds is recommended. */
export const DEFAULT_TIMEOUT_MS = 20_000;

const PLACEHOLDER: TraceEntry = { domain: '', depth: 0, term: '', position: -1, outcome: 'info', result: null, lookups: 0, voidLookups: 0, detail: '' };

type ValidatedNames = { kind: 'names'; names: string[] } | { kind: 'ptr-void' } | { kind: 'ptr-failed'; detail: string };

export class CheckHostContext {
  lookups = 0;
  voidLookups = 0;
  timedOut = false;
  readonly trace: TraceEntry[] = [];
  private readonly deadline: Promise<'deadline'>;
  private readonly queryOptions: { signal: AbortSignal };
  private validated: Promise<ValidatedNames> | null = null;

  constructor(
    readonly run: SpfRun,
    readonly resolver: Resolver,
    readonly ip: IpAddress,
    readonly base: Omit<MacroValues, 'domain' | 'validatedDomain'>,
    readonly limits: SpfLimits,
    readonly signal: AbortSignal,
    readonly timeoutMs: number,
  ) {
    this.queryOptions = { signal };
    this.deadline = new Promise((resolve) => {
      if (signal.aborted) resolve('deadline');
      else signal.addEventListener('abort', () => resolve('deadline'), { once: true });
    });
  }

  /** Ask the resolver; past the deadline (or if the resolver hangs past it) the answer is a time-out. */
  async query<T extends RRType>(name: string, type: T): Promise<DnsAnswer<T>> {
    if (this.signal.aborted) return this.deadlineAnswer(name, type);
    let answer: DnsAnswer<T> | 'deadline';
    try {
      answer = await Promise.race([this.resolver.query(name, type, this.queryOptions), this.deadline]);
    } catch (error) {
      // The Resolver contract forbids throwing; if one does anyway, it is a DNS failure, not a crash.
      return { kind: 'failure', name, type, cnameChain: [], failure: 'other', detail: `resolver threw: ${String(error)}` };
    }
    if (answer === 'deadline') return this.deadlineAnswer(name, type);
    return answer;
  }

  private deadlineAnswer<T extends RRType>(name: string, type: T): FailureAnswer<T> {
    this.timedOut = true;
    return {
      kind: 'failure',
      name,
      type,
      cnameChain: [],
      failure: 'timeout',
      detail: `check_host() time limit of ${this.timeoutMs} ms reached`,
    };
  }

  /** Count one DNS-querying term; false when it is over the limit (RFC 7208 §4.6.4). */
  spendLookup(): boolean {
    if (this.lookups >= this.limits.lookups) return false;
    this.lookups++;
    return true;
  }

  /** Count one void lookup; false when it is over the limit (RFC 7208 §4.6.4). */
  spendVoid(): boolean {
    this.voidLookups++;
    return this.voidLookups <= this.limits.voidLookups;
  }

  record(domain: string, depth: number, term: string, position: number, outcome: TraceOutcome, result: SpfResult | null, detail: string): void {
    this.trace.push({ domain, depth, term, position, outcome, result, lookups: this.lookups, voidLookups: this.voidLookups, detail });
  }

  /**
   * Keep a place in the trace for a term whose entry must come before the entries of the record it
   * includes; `fill` writes it later, with the counts as they were when the term started.
   */
  reserve(): { index: number; lookups: number; voidLookups: number } {
    const slot = { index: this.trace.length, lookups: this.lookups, voidLookups: this.voidLookups };
    this.trace.push(PLACEHOLDER);
    return slot;
  }

  fill(
    slot: { index: number; lookups: number; voidLookups: number },
    entry: Omit<TraceEntry, 'lookups' | 'voidLookups'>,
  ): void {
    const { domain, depth, term, position, outcome, result, detail } = entry;
    this.trace[slot.index] = { domain, depth, term, position, outcome, result, lookups: slot.lookups, voidLookups: slot.voidLookups, detail };
  }

  addressType(): 'A' | 'AAAA' {
    return this.ip.version === 4 ? 'A' : 'AAAA';
  }

  /** True when any address record of `name` (of the client's family) lies in the prefix. */
  matchesAny(addresses: readonly { address: string }[], prefix: number | null): boolean {
    const bits = prefix ?? maxPrefix(this.ip.version);
    for (const r of addresses) {
      const a = this.run.address(r.address);
      if (a && ipInCidr(this.ip, a, bits)) return true;
    }
    return false;
  }

  /**
   * RFC 7208 §5.5: the client's validated domain names — the first 10 PTR names whose own A/AAAA records
   * include the client address. A DNS error on one name skips it (§5.5); the PTR lookup is shared by the
   * ptr mechanism and %{p}.
   */
  validatedNames(): Promise<ValidatedNames> {
    if (!this.validated) this.validated = this.computeValidated();
    return this.validated;
  }

  private async computeValidated(): Promise<ValidatedNames> {
    const ptr = await this.query(reverseName(this.ip), 'PTR');
    if (ptr.kind === 'failure') return { kind: 'ptr-failed', detail: ptr.detail };
    if (ptr.kind !== 'records' || ptr.records.length === 0) return { kind: 'ptr-void' };
    const names = ptr.records.slice(0, this.limits.ptrNames).map((r) => withoutTrailingDot(r.target));
    const type = this.addressType();
    const checks = names.map(async (name) => {
      if (!this.run.queryable(name)) return false;
      const a = await this.query(name, type);
      return a.kind === 'records' && this.matchesAny(a.records, null);
    });
    const ok = await Promise.all(checks);
    return { kind: 'names', names: names.filter((_, i) => ok[i]) };
  }

  /** RFC 7208 §7.3: %{p} — the validated name equal to <domain>, else one below it, else any; "unknown". */
  async validatedDomainFor(domain: string): Promise<string> {
    const v = await this.validatedNames();
    if (v.kind !== 'names' || v.names.length === 0) return 'unknown';
    const d = domain.toLowerCase();
    const exact = v.names.find((n) => n.toLowerCase() === d);
    if (exact) return exact;
    const below = v.names.find((n) => n.toLowerCase().endsWith(`.${d}`));
    return below ?? v.names[0] ?? 'unknown';
  }
}
