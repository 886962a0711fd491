// From evidence to predictions: every provider's rules run for each (stream, sending address), once
// per kind of receiver (RFC 7489 with the PSL, RFC 9989 with the tree walk). Where the two kinds of
// receiver disagree the worse reply is kept and marked a risk. Pure: no DNS here.
import { nameKey } from '../model/names.js';
import { deriveFacts, type Facts } from './facts.js';
import { dkimCaveat, describeDkim, describePolicy, describeSpf, gmailBulk, outlookHighVolume, type Rule, type RuleContext } from './rule-kit.js';
import { GMAIL_RULES } from './rules-gmail.js';
import { OUTLOOK_RULES } from './rules-outlook.js';
import { YAHOO_RULES } from './rules-yahoo.js';
import { GMX_RULES, ICLOUD_RULES, LAPOSTE_RULES } from './rules-more-providers.js';
import type { ProviderId } from '../providers/types.js';
import {
  PROVIDER_NAMES,
  PROVIDERS,
  RECEIVER_KINDS,
  VERDICT_RANK,
  type AddressEvidence,
  type EvidenceChain,
  type Prediction,
  type ReceiverKind,
  type Reply,
  type StreamEvidence,
  type VolumeTotals,
} from './types.js';

export const PROVIDER_RULES: Readonly<Record<ProviderId, readonly Rule[]>> = {
  gmail: GMAIL_RULES,
  outlook: OUTLOOK_RULES,
  yahoo: YAHOO_RULES,
  icloud: ICLOUD_RULES,
  gmx: GMX_RULES,
  laposte: LAPOSTE_RULES,
};

const RECEIVER_LABEL: Record<ReceiverKind, string> = {
  rfc7489: 'RFC 7489 receivers (organizational domain by the Public Suffix List)',
  rfc9989: 'RFC 9989 receivers (organizational domain by the DNS tree walk, np, t=y)',
};

const orgOf = (s: StreamEvidence): string => s.from.orgDomains.psl ?? nameKey(s.from.domain);

function sum(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0);
}

/**
 * The volumes the bulk rules count for `stream`, summed over every stream of the run that shares
 * them. Bulk status belongs to the sender, not to one stream: a stream given no volume still counts
 * as bulk when the other streams of its organizational domain (Gmail) or From domain (Outlook.com)
 * reach the threshold. Null only when no stream that counts gives a volume.
 */
export function volumeTotals(all: readonly StreamEvidence[], stream: StreamEvidence): VolumeTotals {
  const sameOrg = all.filter((s) => orgOf(s) === orgOf(stream));
  const sameDomain = all.filter((s) => nameKey(s.from.domain) === nameKey(stream.from.domain));
  return {
    gmailOrg: sum(sameOrg.map((s) => s.volume.gmail)),
    outlookDomain: sum(sameDomain.map((s) => s.volume.outlook)),
    outlookOrg: sum(sameOrg.map((s) => s.volume.outlook)),
    yahooOrg: sum(sameOrg.map((s) => s.volume.yahoo)),
  };
}

const rank = (r: Reply): number => VERDICT_RANK[r.verdict] * 2 + (r.certainty === 'certain' ? 1 : 0);

/** One rule's replies under both kinds of receiver, as one reply. */
export function mergeReceiverReplies(byReceiver: Partial<Record<ReceiverKind, Reply>>, differences: readonly string[]): Reply | null {
  const a = byReceiver.rfc7489;
  const b = byReceiver.rfc9989;
  if (a === undefined && b === undefined) return null;
  if (a === undefined || b === undefined) {
    const only = (a ?? b) as Reply;
    const kind: ReceiverKind = a !== undefined ? 'rfc7489' : 'rfc9989';
    const because = differences.length > 0 ? `: ${differences.join('; ')}` : '';
    return { ...only, certainty: 'risk', notes: [...only.notes, `only at ${RECEIVER_LABEL[kind]}${because}`] };
  }
  const sameReply = a.verdict === b.verdict && a.code === b.code && a.enhanced === b.enhanced;
  if (sameReply && a.certainty === b.certainty) return a;
  if (sameReply) {
    const risky = a.certainty === 'risk' ? a : b;
    return { ...risky, notes: [...new Set([...a.notes, ...b.notes])] };
  }
  const [first, second, firstKind, secondKind] = rank(a) >= rank(b) ? [a, b, 'rfc7489', 'rfc9989'] as const : [b, a, 'rfc9989', 'rfc7489'] as const;
  const other = `${RECEIVER_LABEL[secondKind]}: ${second.verdict}${second.code !== null ? ` ${second.code}` : ''}${second.enhanced !== null ? ` ${second.enhanced}` : ''}`;
  return { ...first, certainty: 'risk', notes: [...first.notes, `as predicted for ${RECEIVER_LABEL[firstKind]}; ${other}`] };
}

function orderReplies(replies: Reply[], rules: readonly Rule[]): Reply[] {
  const order = new Map(rules.map((r, i) => [r.id, i]));
  return [...replies].sort((x, y) => rank(y) - rank(x) || (order.get(x.rule) ?? 0) - (order.get(y.rule) ?? 0));
}

/**
 * The temporary DNS failures that could change an acceptance, for people; empty when none could
 * (e.g. SPF temperror beside an aligned DKIM pass, or a failed DMARC lookup for mail whose SPF or
 * DKIM domain is the From domain itself, which passes under any alignment mode).
 */
function temporaryFailures(address: AddressEvidence, facts: Record<ReceiverKind, Facts>): string[] {
  const open = RECEIVER_KINDS.some((kind) => {
    const f = facts[kind];
    return f.authenticated === 'temp' || f.dmarcPass === 'temp' || (f.reading.status === 'dns-failure' && !f.passesAsFromDomain);
  });
  if (!open && address.fcrdns?.result !== 'temperror') return [];
  const out: string[] = [];
  if (address.spf.result === 'temperror') out.push(`SPF temperror for ${address.spf.domain}`);
  for (const s of facts.rfc7489.signatures) if (s.signature.state === 'temperror') out.push(`the key lookup at ${s.signature.name} failed`);
  const failures = new Set(RECEIVER_KINDS.map((k) => (facts[k].reading.status === 'dns-failure' ? facts[k].reading.failure : null)).filter((x): x is string => x !== null));
  for (const failure of failures) out.push(`the DMARC lookup failed (${failure})`);
  if (address.fcrdns?.result === 'temperror') out.push(`reverse DNS of ${address.address} could not be checked`);
  return out;
}

function acceptedReply(provider: ProviderId, ctx: RuleContext, facts: Record<ReceiverKind, Facts>): Reply {
  const notes: string[] = [];
  const f = facts.rfc7489;
  if (!f.spfPass && f.dkimAny === 'yes') notes.push(dkimCaveat);
  for (const s of f.signatures) {
    // RFC 8301 §3.2: 1024 bits verify today; signers SHOULD use 2048
    if (s.pass === 'yes' && s.signature.keyType === 'rsa' && s.signature.bits !== null && s.signature.bits < 2048) {
      notes.push(`the ${s.signature.bits}-bit RSA key at ${s.signature.name} verifies today; RFC 8301 §3.2 advises 2048 bits`);
    }
  }
  if (provider === 'gmail') {
    const bulk = gmailBulk(ctx.totals);
    if (bulk.note !== null) notes.push(bulk.note);
  }
  if (provider === 'outlook') {
    const high = outlookHighVolume(ctx.totals);
    if (high.note !== null) notes.push(high.note);
  }
  // no rule fires, but an answer a retry may change leaves the acceptance open
  const temporary = temporaryFailures(ctx.address, facts);
  if (temporary.length > 0) notes.push(`temporary DNS failures leave this open (${temporary.join('; ')}): ${PROVIDER_NAMES[provider]} publishes no reply for that case`);
  return {
    rule: 'accepted',
    row: 'no rule of docs/providers.md fires',
    verdict: 'accepted',
    code: '250',
    enhanced: '2.0.0',
    text: null,
    certainty: temporary.length > 0 ? 'risk' : 'certain',
    why: `${describeSpf(ctx.address)}; ${describeDkim(f)}; ${describePolicy(f)}; DMARC ${f.dmarcPass === 'yes' ? 'passes' : 'does not pass'}`,
    fix: null,
    fixRecords: [],
    fixGroups: [],
    notes,
  };
}

function evidenceChain(stream: StreamEvidence, address: AddressEvidence, facts: Record<ReceiverKind, Facts>, totals: VolumeTotals): EvidenceChain {
  return {
    spf: address.spf,
    dkim: stream.dkim.map((d, i) => ({
      ...d,
      aligned: { rfc7489: facts.rfc7489.signatures[i]?.aligned ?? null, rfc9989: facts.rfc9989.signatures[i]?.aligned ?? null },
    })),
    dmarc: stream.dmarc,
    alignment: {
      spf: { rfc7489: facts.rfc7489.spfAligned, rfc9989: facts.rfc9989.spfAligned },
      orgDomainsAgree: stream.from.orgDomains.psl === stream.from.orgDomains.treeWalk,
    },
    fcrdns: address.fcrdns,
    from: stream.from,
    mailFrom: stream.mailFrom,
    family: address.family,
    volume: stream.volume,
    totals,
    sample: address.sample,
  };
}

/**
 * The reply with a note per rule left unevaluated for want of an address. An acceptance is then a
 * risk: one of those rules might have fired.
 */
function withUnevaluated(head: Reply, unevaluated: readonly Rule[]): Reply {
  if (unevaluated.length === 0) return head;
  const notes = unevaluated.map((r) => `not evaluated without a sending address: ${r.row}`);
  return { ...head, certainty: head.verdict === 'accepted' ? 'risk' : head.certainty, notes: [...head.notes, ...notes] };
}

/** What one provider is predicted to answer for one stream sent from one address. */
export function predictProvider(provider: ProviderId, stream: StreamEvidence, address: AddressEvidence, totals: VolumeTotals): Prediction {
  const rules = PROVIDER_RULES[provider];
  const facts = { rfc7489: deriveFacts(stream, address, 'rfc7489'), rfc9989: deriveFacts(stream, address, 'rfc9989') };
  const contexts = Object.fromEntries(RECEIVER_KINDS.map((k) => [k, { stream, address, facts: facts[k], totals }])) as Record<ReceiverKind, RuleContext>;
  // without an address the rules that read it (reverse DNS, IPv6) are not guessed at: they are named
  const unevaluated = address.address === null ? rules.filter((r) => r.needsAddress === true) : [];
  const replies: Reply[] = [];
  for (const rule of rules) {
    if (unevaluated.includes(rule)) continue;
    const byReceiver: Partial<Record<ReceiverKind, Reply>> = {};
    for (const kind of RECEIVER_KINDS) {
      const r = rule.evaluate(contexts[kind]);
      if (r !== null) byReceiver[kind] = r;
    }
    const merged = mergeReceiverReplies(byReceiver, stream.dmarc.differences);
    if (merged !== null) replies.push(merged);
  }
  const ordered = orderReplies(replies, rules);
  const [primary, ...also] = ordered.length > 0 ? ordered : [acceptedReply(provider, contexts.rfc7489, facts)];
  const head = withUnevaluated(primary as Reply, unevaluated);
  return {
    provider,
    stream: stream.stream,
    address: address.address,
    from: stream.fromAddress,
    mailFrom: stream.mailFromAddress,
    ...head,
    also,
    evidence: evidenceChain(stream, address, facts, totals),
  };
}

/**
 * Each provider's prediction for every stream and sending address: `providers` when given, else
 * the ones the stream's profile names, else Gmail, Outlook.com and Yahoo (iCloud, GMX/WEB.DE and
 * La Poste are predicted only when asked).
 */
export function predictStreams(streams: readonly StreamEvidence[], providers?: readonly ProviderId[]): Prediction[] {
  const out: Prediction[] = [];
  for (const stream of streams) {
    const totals = volumeTotals(streams, stream);
    for (const provider of providers ?? stream.providers ?? PROVIDERS) {
      for (const address of stream.addresses) out.push(predictProvider(provider, stream, address, totals));
    }
  }
  return out;
}
