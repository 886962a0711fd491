// RFC 7208 §4: check_host(<ip>, <domain>, <sender>) with the HELO name for %{h}.
// Each record is parsed whole before any of its terms is evaluated (§4.6), so a syntax error anywhere is a
// permerror even after a matching term. Lookups are counted per term (§4.6.4), the whole run has a time
// limit (temperror when reached), and every step is traced.
import type { Resolver } from '../dns/types.js';
import { DEFAULT_TIMEOUT_MS, CheckHostContext } from './check-host-context.js';
import { spfRun } from './spf-run.js';
import { parseCached, selectCached } from './record-memo.js';
import { DEFAULT_EXPLANATION, defaultExplanation, recordExplanation } from './check-host-explain.js';
import { checkHostDomainProblem, withoutTrailingDot } from './check-host-names.js';
import { RFC7208_LIMITS, type SpfLimits } from './limits.js';
import { evaluateMechanism, targetName, type Evaluation, type TermScope } from './check-host-terms.js';
import { LOOKUP_MECHANISMS, QUALIFIER_RESULT, type CheckHostProblem, type CheckHostResult, type TraceOutcome } from './types.js';

export { DEFAULT_EXPLANATION } from './check-host-explain.js';
export { DEFAULT_TIMEOUT_MS } from './check-host-context.js';

export interface CheckHostOptions {
  resolver: Resolver;
  /** Overall time limit in milliseconds (default 20 000, RFC 7208 §4.6.4); reaching it gives temperror. */
  timeoutMs?: number;
  /** Aborting it ends the check with temperror. */
  signal?: AbortSignal;
  /** %{r}: the receiving host's domain (default "unknown", RFC 7208 §7.3). */
  receiver?: string;
  /** %{t}: the time, in seconds since the epoch (default now). */
  timestamp?: number;
  /** Explain-string used when a fail has no usable exp= (macros allowed). */
  defaultExplanation?: string;
  /** The receiver's limits (default RFC7208_LIMITS, RFC 7208 §4.6.4). */
  limits?: Partial<SpfLimits>;
}

/** RFC 7208 §2.4: the identity to check — MAIL FROM, or postmaster@HELO when MAIL FROM is empty. */
export function spfIdentity(mailFrom: string, helo: string): { sender: string; domain: string } {
  if (mailFrom === '') return { sender: `postmaster@${helo}`, domain: helo };
  const at = mailFrom.lastIndexOf('@');
  return { sender: mailFrom, domain: at < 0 ? mailFrom : mailFrom.slice(at + 1) };
}

/** RFC 7208 §4.3: the local-part and domain of <sender>; an empty local-part becomes "postmaster". */
function splitSender(sender: string, helo: string): { localPart: string; senderDomain: string } {
  if (sender === '') return { localPart: 'postmaster', senderDomain: helo };
  const at = sender.lastIndexOf('@');
  if (at < 0) return { localPart: 'postmaster', senderDomain: sender };
  const local = sender.slice(0, at);
  return { localPart: local === '' ? 'postmaster' : local, senderDomain: sender.slice(at + 1) };
}

/**
 * Evaluate SPF for a client address. Never throws for DNS or record problems (they are results); throws a
 * RangeError only when `ip` is not an IP address, which is a caller's bug.
 */
export async function checkHost(ip: string, domain: string, sender: string, helo: string, options: CheckHostOptions): Promise<CheckHostResult> {
  const run = spfRun(options.resolver);
  const client = run.address(ip);
  if (!client) throw new RangeError(`check_host: '${ip}' is not an IP address`);
  const { localPart, senderDomain } = splitSender(sender, helo);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const limits: SpfLimits = { ...RFC7208_LIMITS, ...options.limits };

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  timer.unref?.();
  const outer = options.signal;
  const onOuterAbort = (): void => controller.abort();
  if (outer?.aborted) controller.abort();
  else outer?.addEventListener('abort', onOuterAbort, { once: true });

  const ctx = new CheckHostContext(
    run,
    options.resolver,
    client,
    {
      sender: `${localPart}@${senderDomain}`,
      localPart,
      senderDomain,
      ip: client,
      helo,
      receiver: options.receiver ?? 'unknown',
      timestamp: options.timestamp ?? Math.floor(Date.now() / 1000),
    },
    limits,
    controller.signal,
    timeoutMs,
  );
  try {
    const start = withoutTrailingDot(domain);
    const malformed = checkHostDomainProblem(domain);
    let evaluation: Evaluation;
    if (malformed) {
      // RFC 7208 §4.3: a malformed <domain> gives "none" without any lookup.
      ctx.record(domain, 0, '', -1, 'info', 'none', malformed);
      evaluation = { result: 'none', exp: null, problem: null, matched: null };
    } else {
      evaluation = await evaluateDomain(ctx, start, 0);
    }
    if (ctx.timedOut) {
      evaluation = {
        result: 'temperror',
        exp: null,
        matched: null,
        problem: { domain: start, record: null, position: null, rule: 'RFC 7208 §4.6.4', message: `check_host() did not finish within ${timeoutMs} ms` },
      };
    }
    let explanation: string | null = null;
    let explanationFromRecord = false;
    if (evaluation.result === 'fail') {
      const own = evaluation.exp ? await recordExplanation(ctx, evaluation.exp) : null;
      explanationFromRecord = own !== null;
      explanation = own ?? (await defaultExplanation(ctx, evaluation.exp?.domain ?? start, options.defaultExplanation ?? DEFAULT_EXPLANATION));
    }
    return {
      result: evaluation.result,
      explanation,
      explanationFromRecord,
      matched: evaluation.matched,
      problem: evaluation.problem,
      lookups: ctx.lookups,
      voidLookups: ctx.voidLookups,
      trace: ctx.trace,
    };
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onOuterAbort);
  }
}

function errorEvaluation(result: 'permerror' | 'temperror', problem: CheckHostProblem): Evaluation {
  return { result, exp: null, problem, matched: null };
}

/** One level of check_host(): fetch, select and parse the record of `domain`, then evaluate it. */
async function evaluateDomain(ctx: CheckHostContext, domain: string, depth: number): Promise<Evaluation> {
  if (!ctx.run.queryable(domain)) {
    // RFC 7208 §4.3: a malformed name has no record (for include/redirect targets this becomes permerror).
    ctx.record(domain, depth, '', -1, 'info', 'none', `'${domain}' is not a valid domain name`);
    return { result: 'none', exp: null, problem: null, matched: null };
  }
  const selection = selectCached(await ctx.query(domain, 'TXT'));
  switch (selection.kind) {
    case 'failure': {
      const message = `TXT lookup for ${domain} failed: ${selection.failure} (${selection.detail})`;
      ctx.record(domain, depth, '', -1, 'error', 'temperror', message);
      return errorEvaluation('temperror', { domain, record: null, position: null, rule: 'RFC 7208 §4.4', message });
    }
    case 'none':
      ctx.record(domain, depth, '', -1, 'info', 'none', `no SPF record (${selection.reason})`);
      return { result: 'none', exp: null, problem: null, matched: null };
    case 'multiple': {
      const message = `${domain} has ${selection.texts.length} SPF records; exactly one is allowed`;
      ctx.record(domain, depth, '', -1, 'error', 'permerror', message);
      return errorEvaluation('permerror', { domain, record: null, position: null, rule: 'RFC 7208 §4.5', message });
    }
    case 'record':
      break;
  }
  const text = selection.text;
  const parsed = parseCached(text);
  if (!parsed.ok) {
    // RFC 7208 §4.6: syntax errors anywhere in the record are detected before evaluation.
    const first = parsed.errors[0];
    const message = first ? `${first.message} (position ${first.position})` : 'syntax error';
    ctx.record(domain, depth, '', -1, 'error', 'permerror', `record "${text}": ${message}`);
    return errorEvaluation('permerror', { domain, record: text, position: first?.position ?? null, rule: first?.rule ?? 'RFC 7208 §4.6', message: first?.message ?? 'syntax error' });
  }
  const record = parsed.record;
  ctx.record(domain, depth, '', -1, 'info', null, `record "${text}"`);

  const scope: TermScope = { ctx, domain, record: text, depth, evaluate: (d, level) => evaluateDomain(ctx, d, level) };
  let hasAll = false;
  for (const m of record.mechanisms) {
    if (m.mechanism === 'all') hasAll = true;
    if (LOOKUP_MECHANISMS.has(m.mechanism) && !ctx.spendLookup()) {
      const message = `'${m.text}' would be DNS-querying term number ${ctx.lookups + 1}; at most ${ctx.limits.lookups} are allowed`;
      ctx.record(domain, depth, m.text, m.position, 'error', 'permerror', message);
      return errorEvaluation('permerror', { domain, record: text, position: m.position, rule: 'RFC 7208 §4.6.4', message });
    }
    // An include's entry goes before those of the record it included (with the counts when it started).
    const slot = m.mechanism === 'include' ? ctx.reserve() : null;
    const pending = evaluateMechanism(scope, m);
    const outcome = pending instanceof Promise ? await pending : pending;
    const entryResult = outcome.kind === 'error' ? outcome.result : outcome.kind === 'match' ? QUALIFIER_RESULT[m.qualifier] : null;
    const traceOutcome: TraceOutcome = outcome.kind;
    if (slot) ctx.fill(slot, { domain, depth, term: m.text, position: m.position, outcome: traceOutcome, result: entryResult, detail: outcome.detail });
    else ctx.record(domain, depth, m.text, m.position, traceOutcome, entryResult, outcome.detail);
    if (outcome.kind === 'error') return errorEvaluation(outcome.result, outcome.problem);
    if (outcome.kind === 'match') {
      return {
        result: QUALIFIER_RESULT[m.qualifier],
        exp: record.exp ? { modifier: record.exp, domain } : null,
        problem: null,
        matched: { domain, term: m.text, position: m.position },
      };
    }
  }
  hasAll ||= record.mechanisms.some((m) => m.mechanism === 'all');

  const redirect = record.redirect;
  if (redirect && !hasAll) {
    // RFC 7208 §6.1: redirect applies only when no mechanism matched and there is no "all".
    if (!ctx.spendLookup()) {
      const message = `'${redirect.text}' would be DNS-querying term number ${ctx.lookups + 1}; at most ${ctx.limits.lookups} are allowed`;
      ctx.record(domain, depth, redirect.text, redirect.position, 'error', 'permerror', message);
      return errorEvaluation('permerror', { domain, record: text, position: redirect.position, rule: 'RFC 7208 §4.6.4', message });
    }
    const target = await targetName(scope, redirect.domain);
    ctx.record(domain, depth, redirect.text, redirect.position, 'applied', null, `redirect to ${target}`);
    const sub = await evaluateDomain(ctx, target, depth + 1);
    if (sub.result === 'none') {
      // RFC 7208 §6.1: no SPF record at the redirect target (or a malformed target) is a permerror.
      const message = `redirect target ${target} has no SPF record`;
      return errorEvaluation('permerror', { domain, record: text, position: redirect.position, rule: 'RFC 7208 §6.1', message });
    }
    // The target's own exp= (if any) applies; this record's does not (RFC 7208 §6.2).
    return sub;
  }
  // RFC 7208 §4.7: no match and no redirect gives neutral.
  ctx.record(domain, depth, '', -1, 'info', 'neutral', 'no mechanism matched: default result neutral');
  return { result: 'neutral', exp: record.exp ? { modifier: record.exp, domain } : null, problem: null, matched: null };
}
