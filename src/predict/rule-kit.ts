// What every provider rule shares: its input, the reply builder, the bulk thresholds, and short
// descriptions of the evidence for the "why" of a reply.
import type { Facts, Tri } from './facts.js';
import { alignmentFixes, dkimFixes, dmarcRecordFixes, joinFixGroups, spfFixes } from './fixes.js';
import type { AddressEvidence, Certainty, DnsFix, Reply, StreamEvidence, VolumeTotals } from './types.js';

export interface RuleContext {
  stream: StreamEvidence;
  address: AddressEvidence;
  facts: Facts;
  totals: VolumeTotals;
}

/** A provider rule: the reply it predicts, or null when it does not fire. */
export interface Rule {
  id: string;
  /** The rule in one line (provider, codes, condition); its section of docs/providers.md, headed by the id, explains it. */
  row: string;
  /**
   * The rule reads the sending address itself (its reverse DNS, its family): without an address it
   * is not evaluated, and the prediction says so.
   */
  needsAddress?: boolean;
  evaluate(ctx: RuleContext): Reply | null;
}

/** What a rule says of its reply; reply() adds the rule and joins the fixes. */
export interface ReplyParts extends Pick<Reply, 'verdict' | 'code' | 'enhanced' | 'text' | 'certainty' | 'why'> {
  /** Every one of these is needed. */
  fixes?: DnsFix[];
  /** Any one of these groups is enough (every fix of the group is needed); used instead of `fixes`. */
  alternatives?: DnsFix[][];
  notes?: string[];
}

const fixKey = (f: DnsFix): string => JSON.stringify([f.action, f.name, f.type, f.current, f.value]);

/** The same record change asked for twice (e.g. by the DKIM and the DMARC part of one rule) is shown once. */
function uniqueFixes(fixes: readonly DnsFix[], seen: Set<string>): DnsFix[] {
  return fixes.filter((f) => {
    const key = fixKey(f);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function reply(rule: Pick<Rule, 'id' | 'row'>, parts: ReplyParts): Reply {
  const seen = new Set<string>();
  const groups = (parts.alternatives ?? [parts.fixes ?? []]).map((g) => uniqueFixes(g, seen)).filter((g) => g.length > 0);
  return {
    rule: rule.id,
    row: rule.row,
    verdict: parts.verdict,
    code: parts.code,
    enhanced: parts.enhanced,
    text: parts.text,
    certainty: parts.certainty,
    why: parts.why,
    fix: joinFixGroups(groups),
    fixRecords: groups.flat(),
    fixGroups: groups,
    notes: parts.notes ?? [],
  };
}

/** `no` is certain; anything DNS cannot settle is a risk. */
export const certaintyOf = (...values: Tri[]): Certainty => (values.every((v) => v === 'no' || v === 'yes') ? 'certain' : 'risk');

export const worse = (a: Certainty, b: Certainty): Certainty => (a === 'risk' || b === 'risk' ? 'risk' : 'certain');

// ---------------------------------------------------------------------------------------------
// Volume

/** Gmail: "close to 5,000 messages or more in 24 hours to personal Gmail accounts", over the organizational domain. */
export const GMAIL_BULK_THRESHOLD = 5000;
/** Below the threshold but "close to" it: a risk. */
export const GMAIL_NEAR_BULK = 4500;
/** Outlook.com: more than 5,000 a day to consumer mailboxes, per From domain. */
export const OUTLOOK_HIGH_VOLUME = 5000;
/** Yahoo publishes no threshold: Gmail's is the proxy, and the rule is always a risk. */
export const YAHOO_BULK_PROXY = 5000;

export type BulkState = { bulk: false; note: string | null } | { bulk: true; certainty: Certainty; note: string };

export function gmailBulk(totals: VolumeTotals): BulkState {
  const v = totals.gmailOrg;
  if (v === null) return { bulk: false, note: 'no volume given: the Gmail bulk-sender rules (5.7.27, 5.7.30, 5.7.40, 5.7.32) were not applied' };
  if (v >= GMAIL_BULK_THRESHOLD) return { bulk: true, certainty: 'certain', note: `bulk sender: ${v}/day to Gmail counted over the organizational domain (5,000 or more; once reached, the status is permanent)` };
  if (v >= GMAIL_NEAR_BULK) return { bulk: true, certainty: 'risk', note: `${v}/day to Gmail over the organizational domain is close to the 5,000 bulk threshold` };
  return { bulk: false, note: null };
}

export function outlookHighVolume(totals: VolumeTotals): BulkState {
  const own = totals.outlookDomain;
  const org = totals.outlookOrg;
  if (own === null && org === null) return { bulk: false, note: 'no volume given: Outlook.com\'s high-volume rule (5.7.515) was not applied' };
  if (own !== null && own > OUTLOOK_HIGH_VOLUME) return { bulk: true, certainty: 'certain', note: `high volume: ${own}/day to Outlook.com from the From domain (over 5,000)` };
  if (org !== null && org > OUTLOOK_HIGH_VOLUME) {
    return { bulk: true, certainty: 'risk', note: `${own ?? 0}/day from the From domain, ${org}/day over its organizational domain: whether subdomains count toward Microsoft's 5,000 is not documented` };
  }
  return { bulk: false, note: null };
}

export function yahooBulk(totals: VolumeTotals): BulkState {
  const v = totals.yahooOrg;
  if (v === null || v < YAHOO_BULK_PROXY) return { bulk: false, note: null };
  return { bulk: true, certainty: 'risk', note: `${v}/day to Yahoo: Yahoo publishes no bulk threshold or reply text; Gmail's 5,000/day is used as the measure` };
}

// ---------------------------------------------------------------------------------------------
// Descriptions

export function describeSpf(address: AddressEvidence): string {
  const spf = address.spf;
  const who = spf.identity === 'helo' ? `the HELO name ${spf.domain} (null sender)` : spf.domain;
  const by = spf.deciding !== null ? ` by '${spf.deciding.term}'${spf.deciding.domain !== spf.domain ? ` in ${spf.deciding.domain}` : ''}` : '';
  const problem = spf.problem !== null ? `: ${spf.problem.message} (${spf.problem.rule})` : '';
  if (address.address === null) {
    if (spf.result === null) return `SPF for ${who} depends on the sending address, and none is given`;
    return `SPF ${spf.result} for ${who} with any sending address${by}${problem}`;
  }
  const sample = address.sample !== null ? ` (a sample of ${address.sample.block})` : '';
  return `SPF ${spf.result ?? 'unknown'} for ${who} with ${address.address}${sample}${by}${problem}`;
}

/**
 * What reverse DNS says when the address is a sample: the PTR of an address in a provider's pool is
 * the provider's, so the fact is about how that pool is set up, not about the address the stream's
 * mail leaves from. Null for an address the stream gives.
 */
export function sampleFcrdnsNote(address: AddressEvidence): string | null {
  const s = address.sample;
  if (s === null || address.address === null) return null;
  return `${address.address} is a sample of ${s.block} ('${s.term}' in ${s.domain}): its reverse DNS is set by whoever holds that block, so this is a fact about that pool, not about the address your mail leaves from`;
}

export function describeDkim(facts: Facts): string {
  if (facts.signatures.length === 0) return 'no DKIM signature';
  return facts.signatures
    .map((s) => `d=${s.signature.domain} s=${s.signature.selector}: ${s.signature.state}${s.signature.reason !== null ? ` (${s.signature.reason})` : ''}`)
    .join(', ');
}

export function describePolicy(facts: Facts): string {
  const r = facts.reading;
  if (r.policy === null) return `no DMARC policy (${r.status})`;
  return `DMARC ${r.policy.description}`;
}

/** Caveats of the policy that applies: pct (RFC 7489) and t=y (RFC 9989) are not documented at Gmail. */
export function policyCaveats(facts: Facts, provider: string): { certainty: Certainty; notes: string[] } {
  const p = facts.reading.policy;
  if (p === null) return { certainty: 'certain', notes: [] };
  const notes: string[] = [];
  if (p.pct < 100) notes.push(`pct=${p.pct}: RFC 7489 §6.6.4 applies the policy to ${p.pct}% of failing mail and the next lower policy to the rest; whether ${provider} honours pct is not documented`);
  if (p.testing) notes.push(`t=y: RFC 9989 §4.7 applies the policy one level lower; whether ${provider} honours t=y is not documented`);
  return { certainty: notes.length > 0 ? 'risk' : 'certain', notes };
}

export const dkimCaveat = 'DNS can prove a DKIM failure, never a pass: a usable key still needs a correct signature';

/**
 * "A DMARC record of at least p=none" (Outlook.com 5.7.515, Yahoo bulk): `yes` with a valid policy;
 * `maybe` for a record read as p=none only because p= is missing or invalid and rua is valid
 * (RFC 7489 §6.6.3): whether these providers count it is not documented; `temp` when the lookup failed.
 */
export function dmarcRecordState(facts: Facts): Tri {
  const r = facts.reading;
  if (r.policy !== null) return r.policy.tag === 'fallback' ? 'maybe' : 'yes';
  return r.status === 'dns-failure' ? 'temp' : 'no';
}

export function describeDmarcRecord(facts: Facts): string {
  const r = facts.reading;
  if (r.policy?.tag === 'fallback') return `the DMARC record has no valid p= ("${r.record ?? ''}"; read as p=none only because rua is valid)`;
  return `no DMARC record of at least p=none (${r.status})`;
}

// ---------------------------------------------------------------------------------------------
// What more than one provider asks for

/** One requirement of a provider and how the evidence meets it. */
export interface Requirement {
  what: string;
  state: Tri;
  fixes: DnsFix[];
}

/**
 * The authentication a bulk sender needs at Outlook.com (5.7.515) and Yahoo: SPF, DKIM, a DMARC
 * record of at least p=none, and DMARC passing (`dmarcWhat` says what the provider asks of it).
 */
export function authenticationRequirements({ stream, address, facts }: RuleContext, dmarcWhat: string): Requirement[] {
  const record = dmarcRecordState(facts);
  return [
    { what: describeSpf(address), state: facts.spf, fixes: spfFixes(address) },
    { what: `DKIM does not pass (${describeDkim(facts)})`, state: facts.dkimAny, fixes: dkimFixes(stream, facts) },
    { what: describeDmarcRecord(facts), state: record, fixes: record === 'yes' ? [] : dmarcRecordFixes(stream, facts) },
    { what: dmarcWhat, state: facts.dmarcPass, fixes: facts.dmarcPass === 'yes' ? [] : (alignmentFixes(stream, facts, address)[0] ?? []) },
  ];
}

/** DMARC failing where the policy that applies acts on it (quarantine or reject). */
export interface DmarcPolicyFailure {
  quarantine: boolean;
  /** How sure the failure and the policy are (pct and t=y caveats included). */
  certainty: Certainty;
  /** The policy and the alignment modes, e.g. `DMARC p=reject; aspf=r, adkim=r`. */
  policy: string;
  /** Any one group makes an identifier pass aligned. */
  fixes: DnsFix[][];
  notes: string[];
}

/** RFC 7489 §6.6.2: null when DMARC passes, a lookup failed temporarily, or no policy acts (none or no record). */
export function dmarcPolicyFailure({ stream, address, facts }: RuleContext, provider: string): DmarcPolicyFailure | null {
  const p = facts.reading.policy;
  if (p === null || p.published === 'none') return null;
  const pass = facts.dmarcPass;
  if (pass === 'yes' || pass === 'temp') return null;
  const caveats = policyCaveats(facts, provider);
  return {
    quarantine: p.published === 'quarantine',
    certainty: worse(certaintyOf(pass), caveats.certainty),
    policy: `${describePolicy(facts)}; aspf=${facts.reading.aspf}, adkim=${facts.reading.adkim}`,
    fixes: alignmentFixes(stream, facts, address),
    notes: caveats.notes,
  };
}
