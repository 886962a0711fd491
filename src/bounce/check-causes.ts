// Check each cause of a bounce against today's DNS, with the predictor's evidence (check_host per
// sending address, the DKIM key of each signature, DMARC discovery, FCrDNS, SOA and MX of the
// domains): confirmed (the finding and its fix), refuted (DNS looks right now, and what else
// explains the bounce), or cannot tell (the fact that is missing).
import { domainOf } from '../model/mailbox.js';
import type { Resolver } from '../dns/types.js';
import { finding, type Finding } from '../findings/types.js';
import { profileFromOptions } from '../profile/from-options.js';
import type { SendingProfile } from '../profile/types.js';
import { collectEvidence, fcrdnsEvidence } from '../predict/collect-evidence.js';
import { DIRECT_CHECKS } from '../predict/evidence-checks.js';
import { deriveFacts, type Facts } from '../predict/facts.js';
import { alignmentFixes, dkimFixes, dkimSignatureFixes, dmarcRecordFixes, existenceFixes, joinFixes, joinFixGroups, nullMxFixes, ptrFixes, spfFixes, suspiciousTermFix } from '../predict/fixes.js';
import { suspiciousEntries } from '../predict/spf-suspicious.js';
import type { AddressEvidence, DnsFix, StreamEvidence } from '../predict/types.js';
import { CAUSE_INFO } from '../providers/causes.js';
import { readAddress } from '../net/read-address.js';
import { reverseName } from '../net/reverse-name.js';
import { PROVIDER_INFO } from '../providers/registry.js';
import type { Cause, CheckKind } from '../providers/types.js';
import { BOUNCE_FINDINGS } from './findings.js';
import type { BounceReply, CauseCheck, Sender } from './types.js';

interface Verdict {
  confirmed: boolean | null;
  reason: string;
  fixes?: DnsFix[][];
}

interface World {
  stream: StreamEvidence;
  address: AddressEvidence;
  facts: Facts;
  sender: Sender;
  /** The SPF result is the sending address's (given, or the same for every address). */
  spfKnown: boolean;
  /** No From domain was found: the MAIL FROM domain stands in for it, so DMARC cannot be judged. */
  fromGuessed: boolean;
}

const NEED_FROM = "the From domain of the bounced message (give --from, or a DSN with the returned headers)";

/** The checks that read the From domain's DMARC. */
const NEEDS_FROM: ReadonlySet<CheckKind> = new Set<CheckKind>(['dmarc-policy', 'no-dmarc', 'alignment', 'high-volume-auth']);

const NEED_IP = 'the sending address (give --ip, or a bounce whose text or Received header shows it)';
const NEED_DKIM = 'the DKIM-Signature of the message (d= and s=): give the returned headers';
const DKIM_CAVEAT = 'DNS proves a DKIM failure, never a pass';

function spfLine(w: World): string {
  const s = w.address.spf;
  return `SPF for ${s.domain}${w.address.address !== null ? ` from ${w.address.address}` : ''}: ${s.result ?? 'unknown'}`;
}

/** The DKIM facts: `none` when the returned headers carry no signature, `unknown` when no headers were read. */
function dkimState(w: World): 'pass' | 'fail' | 'none' | 'unknown' | 'temp' {
  if (w.stream.dkim.length === 0) return w.sender.headersRead ? 'none' : 'unknown';
  return w.facts.dkimAny === 'yes' ? 'pass' : w.facts.dkimAny === 'no' ? 'fail' : w.facts.dkimAny === 'temp' ? 'temp' : 'unknown';
}

function dkimLine(w: World): string {
  if (w.stream.dkim.length === 0) return w.sender.headersRead ? 'the returned headers carry no DKIM-Signature' : 'no DKIM signature known';
  return w.stream.dkim.map((d) => `DKIM ${d.selector}._domainkey.${d.domain}: ${d.state === 'possible-pass' ? 'usable key' : d.detail}`).join('; ');
}

const AFTER_REFUTED = 'a DNS change since the bounce, a forwarder or mailing list that broke SPF or DKIM, or a sending path other than the one checked';

function checkUnauthenticated(w: World): Verdict {
  const spf = w.address.spf.result;
  if (spf === 'pass' && w.spfKnown) return { confirmed: false, reason: `${spfLine(w)} today. What else explains it: ${AFTER_REFUTED}` };
  const dkim = dkimState(w);
  if (dkim === 'pass') return { confirmed: false, reason: `${dkimLine(w)} (${DKIM_CAVEAT}: the signature itself may have broken in transit). What else explains it: ${AFTER_REFUTED}` };
  if (!w.spfKnown) return { confirmed: null, reason: `missing: ${NEED_IP}` };
  if (spf === 'temperror') return { confirmed: null, reason: `${spfLine(w)}: a temporary DNS failure today too` };
  if (dkim === 'unknown' || dkim === 'temp') return { confirmed: null, reason: `${spfLine(w)}; missing: ${NEED_DKIM}` };
  return { confirmed: true, reason: `${spfLine(w)}; ${dkimLine(w)}`, fixes: [spfFixes(w.address), dkimFixes(w.stream, w.facts)] };
}

function checkSpf(w: World): Verdict {
  if (!w.spfKnown) return { confirmed: null, reason: `missing: ${NEED_IP}` };
  const spf = w.address.spf.result;
  if (spf === 'pass') return { confirmed: false, reason: `${spfLine(w)} today. What else explains it: ${AFTER_REFUTED}` };
  if (spf === 'temperror' || spf === null) return { confirmed: null, reason: `${spfLine(w)}: cannot tell today` };
  return { confirmed: true, reason: spfLine(w), fixes: [spfFixes(w.address)] };
}

function checkDkim(w: World): Verdict {
  const dkim = dkimState(w);
  if (dkim === 'unknown') return { confirmed: null, reason: `missing: ${NEED_DKIM}` };
  if (dkim === 'temp') return { confirmed: null, reason: `${dkimLine(w)}: a temporary DNS failure today too` };
  if (dkim === 'none') return { confirmed: true, reason: `${dkimLine(w)}: the message was not signed`, fixes: [dkimFixes(w.stream, w.facts)] };
  if (dkim === 'pass') return { confirmed: false, reason: `${dkimLine(w)} (${DKIM_CAVEAT}). What else explains it: the body or signed headers changed in transit (a forwarder, a list footer), a wrong key at signing, or a key published since` };
  const failing = w.stream.dkim.filter((d) => d.state !== 'possible-pass');
  return { confirmed: true, reason: dkimLine(w), fixes: failing.map(dkimSignatureFixes) };
}

function policyLine(w: World): string {
  const r = w.facts.reading;
  return r.policy === null ? `no DMARC policy applies to ${w.stream.from.domain} (${r.status})` : `DMARC for ${w.stream.from.domain}: ${r.policy.description} (${r.record ?? ''})`;
}

function checkDmarcPolicy(w: World): Verdict {
  const p = w.facts.reading.policy;
  if (p === null || p.published === 'none') return { confirmed: false, reason: `${policyLine(w)} today, so no receiver rejects on it. What else explains it: the record was changed since the bounce` };
  const pass = w.facts.dmarcPass;
  if (pass === 'yes') return { confirmed: false, reason: `${policyLine(w)}; DMARC passes today with an aligned identifier (${spfLine(w)}; ${dkimLine(w)}). What else explains it: ${AFTER_REFUTED}` };
  if (pass === 'no') return { confirmed: true, reason: `${policyLine(w)}; no aligned identifier passes (${spfLine(w)}; ${dkimLine(w)})`, fixes: alignmentFixes(w.stream, w.facts, w.address) };
  return { confirmed: null, reason: `${policyLine(w)}; whether an aligned identifier passes is open: missing ${w.spfKnown ? NEED_DKIM : NEED_IP}` };
}

function checkNoDmarc(w: World): Verdict {
  const r = w.facts.reading;
  if (r.status === 'dns-failure') return { confirmed: null, reason: `the DMARC lookup fails today: ${r.failure ?? ''}` };
  if (r.policy === null || r.policy.tag === 'fallback') return { confirmed: true, reason: policyLine(w), fixes: [dmarcRecordFixes(w.stream, w.facts)] };
  return { confirmed: false, reason: `${policyLine(w)} today. What else explains it: the record was published since the bounce` };
}

function checkAlignment(w: World): Verdict {
  const spfAligned = w.facts.spfPass && w.facts.spfOrgAligned === true;
  const dkimAligned = w.facts.dkimOrgAligned === 'yes';
  if (spfAligned || dkimAligned) return { confirmed: false, reason: `an identifier that passes shares ${w.stream.from.domain}'s organizational domain (${spfLine(w)}; ${dkimLine(w)}). What else explains it: ${AFTER_REFUTED}` };
  if (!w.spfKnown) return { confirmed: null, reason: `missing: ${NEED_IP}` };
  if (dkimState(w) === 'unknown') return { confirmed: null, reason: `${spfLine(w)}; missing: ${NEED_DKIM}` };
  return { confirmed: true, reason: `neither SPF nor DKIM passes for a domain sharing ${w.stream.from.domain}'s organizational domain (${spfLine(w)}; ${dkimLine(w)})`, fixes: alignmentFixes(w.stream, w.facts, w.address) };
}

function checkPtr(w: World): Verdict {
  const f = w.address.fcrdns;
  if (w.sender.ip === null || f === null) return { confirmed: null, reason: `missing: ${NEED_IP}` };
  if (f.result === 'pass') return { confirmed: false, reason: `${w.address.address ?? ''} has forward-confirmed reverse DNS today (${f.detail}). What else explains it: a PTR fixed since, or mail leaving from another address` };
  if (f.result === 'temperror') return { confirmed: null, reason: `the reverse DNS lookup fails today: ${f.detail}` };
  return { confirmed: true, reason: `reverse DNS of ${w.address.address ?? ''}: ${f.detail}`, fixes: [ptrFixes(w.stream, w.address)] };
}

function checkSuspicious(w: World): Verdict {
  const entries = suspiciousEntries(w.address.spf.records);
  if (entries.length === 0) return { confirmed: false, reason: `no SPF record read for ${w.address.spf.domain} holds +all, ?all or a very wide range today. What else explains it: Google does not define "suspicious"; the record may have changed since` };
  return {
    confirmed: true,
    reason: entries.map((e) => e.message).join('; '),
    fixes: [entries.filter((e) => e.kind === 'pass-all').map((e) => suspiciousTermFix(e.domain, e.record, e.position, e.term))],
  };
}

function checkHighVolume(w: World): Verdict {
  const parts = [checkSpf(w), checkDkim(w), checkNoDmarc(w), checkDmarcPolicyPass(w)];
  const failing = parts.filter((p) => p.confirmed === true);
  if (failing.length > 0) return { confirmed: true, reason: failing.map((p) => p.reason).join('; '), fixes: failing.flatMap((p) => p.fixes ?? []) };
  if (parts.every((p) => p.confirmed === false)) return { confirmed: false, reason: `SPF, DKIM, a DMARC record and DMARC pass all look right today (${DKIM_CAVEAT}). What else explains it: ${AFTER_REFUTED}` };
  return { confirmed: null, reason: parts.filter((p) => p.confirmed === null).map((p) => p.reason).join('; ') };
}

/** DMARC passing, whatever the policy (Outlook.com's 5.7.515 asks for a pass). */
function checkDmarcPolicyPass(w: World): Verdict {
  const pass = w.facts.dmarcPass;
  if (pass === 'yes') return { confirmed: false, reason: 'DMARC passes with an aligned identifier' };
  if (pass === 'no') return { confirmed: true, reason: `DMARC does not pass for ${w.stream.from.domain} (${spfLine(w)}; ${dkimLine(w)})`, fixes: alignmentFixes(w.stream, w.facts, w.address) };
  return { confirmed: null, reason: `whether DMARC passes is open: missing ${w.spfKnown ? NEED_DKIM : NEED_IP}` };
}

function domainsOf(w: World): StreamEvidence['from'][] {
  const all = [w.stream.from, ...(w.stream.mailFrom !== null && w.stream.mailFrom.domain !== w.stream.from.domain ? [w.stream.mailFrom] : [])];
  return all;
}

function checkDnsTemporary(w: World): Verdict {
  const failing: string[] = [];
  if (w.address.spf.result === 'temperror') failing.push(spfLine(w));
  for (const d of w.stream.dkim) if (d.state === 'temperror') failing.push(`DKIM ${d.name}: ${d.detail}`);
  if (w.facts.reading.status === 'dns-failure') failing.push(`DMARC: ${w.facts.reading.failure ?? 'lookup failed'}`);
  for (const d of domainsOf(w)) if (d.presence === 'temperror') failing.push(`the SOA question for ${d.domain} fails`);
  if (failing.length > 0) return { confirmed: true, reason: `still failing today: ${failing.join('; ')}`, fixes: [[{ action: 'configure', name: null, type: null, current: null, value: null, description: 'make every name server of the zones above answer (no SERVFAIL, no time-out)' }]] };
  return { confirmed: false, reason: "today's SPF, DKIM, DMARC and SOA lookups answer. What else explains it: the failure was temporary (a name server outage), or it was fixed since; if it repeats, check that every name server answers" };
}

function checkDomainExists(w: World): Verdict {
  const missing = domainsOf(w).filter((d) => d.presence !== 'exists');
  if (missing.length === 0) return { confirmed: false, reason: `${domainsOf(w).map((d) => d.domain).join(' and ')} exist (SOA answers) today. What else explains it: the domain was registered or fixed since` };
  return { confirmed: true, reason: missing.map((d) => `${d.domain}: ${d.presence === 'nxdomain' ? 'does not exist (NXDOMAIN)' : 'the SOA question fails'}`).join('; '), fixes: missing.map(existenceFixes) };
}

function checkNullMx(w: World): Verdict {
  const nulls = domainsOf(w).filter((d) => d.nullMx === true);
  if (nulls.length === 0) return { confirmed: false, reason: `no null MX at ${domainsOf(w).map((d) => d.domain).join(' or ')} today` };
  return { confirmed: true, reason: nulls.map((d) => `${d.domain} publishes a null MX (RFC 7505)`).join('; '), fixes: nulls.map(nullMxFixes) };
}

const CHECKS: Partial<Record<CheckKind, (w: World) => Verdict>> = {
  unauthenticated: checkUnauthenticated,
  'dmarc-policy': checkDmarcPolicy,
  'spf-fail': checkSpf,
  'spf-suspicious': checkSuspicious,
  'dkim-fail': checkDkim,
  'no-dmarc': checkNoDmarc,
  alignment: checkAlignment,
  ptr: checkPtr,
  'high-volume-auth': checkHighVolume,
  'dns-temporary': checkDnsTemporary,
  'domain-exists': checkDomainExists,
  'null-mx': checkNullMx,
};

/** Not DNS causes: what explains them instead. */
const NOT_DNS: Partial<Record<Cause, string>> = {
  'tls-required': 'send over TLS (STARTTLS) to this receiver',
  'rate-limit': 'slow down, and look at complaint rates (Postmaster Tools, SNDS, feedback loops)',
  'spam-content': 'look at the content, the links and the complaint rate',
  blocklist: 'look the sending address and domain up on the block lists and ask for delisting',
  'recipient-unknown': 'remove the address from the list',
  'mailbox-full': 'retry later, or remove the address if it stays full',
  'message-too-large': 'send a smaller message (link to attachments)',
  unsubscribe: 'add List-Unsubscribe and List-Unsubscribe-Post (RFC 8058) and honour requests within 48 hours',
  other: 'read the reply text and the provider page it names',
};

/** Reverse DNS needs only the address: checked even when no domain of the sender is known. */
async function ptrAlone(ip: string, resolver: Resolver): Promise<Verdict> {
  const f = fcrdnsEvidence(await DIRECT_CHECKS.checkFcrdns(ip, resolver));
  if (f.result === 'pass') return { confirmed: false, reason: `${ip} has forward-confirmed reverse DNS today (${f.detail}). What else explains it: a PTR fixed since, or mail leaving from another address` };
  if (f.result === 'temperror') return { confirmed: null, reason: `the reverse DNS lookup fails today: ${f.detail}` };
  const fix: DnsFix = { action: 'configure', name: null, type: null, current: null, value: null, description: `ask whoever holds ${ip} (the hosting or ESP) for a PTR record naming a host whose A/AAAA record is ${ip}` };
  return { confirmed: true, reason: `reverse DNS of ${ip}: ${f.detail}`, fixes: [[fix]] };
}

function profileOf(sender: Sender): SendingProfile | null {
  const from = sender.from?.value ?? sender.mailFrom?.value;
  if (from === undefined) return null;
  const attempt = (withIp: boolean, withDkim: boolean): SendingProfile | null => {
    try {
      return profileFromOptions({
        from,
        mailFrom: sender.mailFrom?.value,
        ip: withIp && sender.ip !== null ? [sender.ip.value] : [],
        dkim: withDkim ? sender.dkim.map((d) => `${d.domain}:${d.selector}`) : [],
      });
    } catch {
      return null;
    }
  };
  return attempt(true, true) ?? attempt(false, true) ?? attempt(true, false) ?? attempt(false, false);
}

function label(r: BounceReply): string {
  const name = PROVIDER_INFO.find((p) => p.id === r.provider)?.name ?? 'the receiver';
  return `${name}'s ${[r.code, r.enhanced].filter((c) => c !== null).join(' ') || 'reply'}`;
}

function findingOf(r: BounceReply, cause: Cause, v: Verdict, fix: string | null, domain: string | null): Finding {
  const def = v.confirmed === true ? BOUNCE_FINDINGS['bounce-cause-confirmed'] : v.confirmed === false ? BOUNCE_FINDINGS['bounce-cause-refuted'] : BOUNCE_FINDINGS['bounce-cause-unknown'];
  const state = v.confirmed === true ? 'confirmed by today\'s DNS' : v.confirmed === false ? 'not in today\'s DNS' : 'cannot be checked';
  return finding(def, `${label(r)} (${cause}: ${CAUSE_INFO[cause].meaning}) is ${state}: ${v.reason}`, { domain, path: [r.provider, cause] }, fix);
}

export interface CheckOptions {
  /**
   * Offline (--zone), whether the zone files leave a name out: nothing is then known about it, and
   * its NXDOMAIN must not confirm a cause.
   */
  uncovered?: (name: string) => boolean;
}

/** The names the checks read that the zone files do not hold (offline); empty online. */
function uncoveredNames(sender: Sender, options: CheckOptions): string[] {
  const test = options.uncovered;
  if (test === undefined) return [];
  const names = [sender.from, sender.mailFrom].filter((f) => f !== null).map((f) => domainOf(f.value));
  const ip = sender.ip === null ? null : readAddress(sender.ip.value);
  if (ip?.ok === true) names.push(reverseName(ip.value.address));
  return [...new Set(names)].filter(test);
}

/** One check per distinct (cause, check) among the replies, in the order the replies give them. */
export async function checkCauses(replies: readonly BounceReply[], sender: Sender, resolver: Resolver, options: CheckOptions = {}): Promise<CauseCheck[]> {
  const groups = new Map<string, BounceReply>();
  for (const r of replies) if (!groups.has(`${r.cause} ${r.check}`)) groups.set(`${r.cause} ${r.check}`, r);
  if (groups.size === 0) return [];
  const uncovered = uncoveredNames(sender, options);
  const needsDns = uncovered.length === 0 && [...groups.values()].some((r) => CHECKS[r.check] !== undefined);
  const profile = needsDns ? profileOf(sender) : null;
  let world: World | null = null;
  if (profile !== null) {
    const [stream] = await collectEvidence([profile], resolver, { cache: false });
    const address = stream?.addresses[0];
    if (stream !== undefined && address !== undefined) {
      const spfKnown = profile.ips.length > 0 ? address.spf.result !== null : address.address === null && address.spf.result !== null;
      world = { stream, address, facts: deriveFacts(stream, address, 'rfc7489'), sender: profile.ips.length > 0 ? sender : { ...sender, ip: null }, spfKnown, fromGuessed: sender.from === null };
    }
  }
  const out: CauseCheck[] = [];
  for (const r of groups.values()) {
    const run = CHECKS[r.check];
    let v: Verdict;
    if (run === undefined) {
      v = { confirmed: null, reason: `DNS cannot show this (${CAUSE_INFO[r.cause].meaning}): ${NOT_DNS[r.cause] ?? 'read the reply text'}` };
    } else if (uncovered.length > 0) {
      v = { confirmed: null, reason: `the zone files read offline do not hold ${uncovered.join(', ')}: nothing is known about ${uncovered.length === 1 ? 'it' : 'them'} (add the zone file, or check against the live DNS)` };
    } else if (world === null) {
      v = r.check === 'ptr' && sender.ip !== null ? await ptrAlone(sender.ip.value, resolver) : { confirmed: null, reason: `missing: ${NEED_FROM}` };
    } else if (world.fromGuessed && NEEDS_FROM.has(r.check)) {
      v = { confirmed: null, reason: `missing: ${NEED_FROM}` };
    } else v = run(world);
    const fix = v.confirmed === true ? joinFixGroups(v.fixes ?? []) ?? joinFixes((v.fixes ?? []).flat(), 'all') : null;
    const f = findingOf(r, r.cause, v, fix, world?.stream.from.domain ?? sender.from?.value ?? null);
    out.push({ cause: r.cause, check: r.check, confirmed: v.confirmed, reason: v.reason, fix, findings: [f] });
  }
  return out;
}
