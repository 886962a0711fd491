// A domain's DKIM keys: the named selectors, or discovery over the common ones and those the zone
// files hold, plus the findings that only the set of selectors shows (Ed25519 alone, `_domainkey`
// NXDOMAIN above existing keys, no key at all).
import type { DnsAnswer, FailureKind, Resolver } from '../dns/types.js';
import { nameKey } from '../model/names.js';
import { joinTxt } from '../model/txt.js';
import { finding, type Finding } from '../findings/types.js';
import { COMMON_SELECTORS, type CommonSelector } from './common-selectors.js';
import { evaluateKeyAnswer, keyRecordName } from './evaluate-key.js';
import { DKIM_FINDINGS as F } from './findings.js';
import { parseKeyRecord } from './parse-key-record.js';
import type { DkimKeyReport } from './types.js';

/**
 * A label no provider uses: when it answers TXT, `*._domainkey.<domain>` is a wildcard (RFC 4592)
 * and every probe would "find" the same record.
 */
export const WILDCARD_PROBE = 'authaudit-wildcard-probe';

/**
 * What a probe found: a key record (`found`); nothing at the name (`nxdomain`); the name exists
 * without a TXT record (`nodata`) or with TXT that is no key record (`not-dkim`); a CNAME chain
 * ending in NXDOMAIN or no data (`dangling-cname`); the same answer as a name no one publishes
 * (`wildcard`); a failed lookup (`failure`).
 */
export type ProbeOutcome = 'found' | 'nxdomain' | 'nodata' | 'not-dkim' | 'dangling-cname' | 'wildcard' | 'failure';

export interface DkimProbe {
  selector: string;
  /** Who hands the selector out (from the common-selector list); null when it is not a common one. */
  usedBy: string | null;
  /** The zone files hold the name (`<selector>._domainkey.<domain>` or a name below it). */
  inZoneFiles: boolean;
  outcome: ProbeOutcome;
}

export interface DomainKeyNode {
  /** `_domainkey.<domain>` */
  name: string;
  outcome: DnsAnswer['kind'];
  /** RFC 8020: NXDOMAIN means nothing exists below, so no selector has a key; null when unknown. */
  exists: boolean | null;
  failure: { kind: FailureKind; detail: string } | null;
}

export interface DkimAudit {
  domain: string;
  /** `selectors` when the user named them, `discovery` when common selectors (and the zone's) were probed. */
  mode: 'selectors' | 'discovery';
  /** The selectors named, or the ones probed: the common ones, then those only the zone files hold. */
  selectors: string[];
  /**
   * The domain's selectors that the zone files (--zone, --overlay) hold, each checked in discovery;
   * null when no zone files tell (none given, or they do not hold `_domainkey.<domain>`).
   */
  selectorsFromZone: string[] | null;
  domainkey: DomainKeyNode;
  /** Discovery only: what each probe found. */
  probes: DkimProbe[] | null;
  /**
   * Named: one per selector. Discovery: the keys found, the wildcard key, failed probes, and the
   * selectors published without a key (a dangling CNAME, a name without a key record).
   */
  keys: DkimKeyReport[];
  findings: Finding[];
}

export interface AuditDkimOptions {
  /** Selectors to check; when empty or absent, discovery probes `commonSelectors` and `selectorsFromZone`. */
  selectors?: readonly string[];
  commonSelectors?: readonly CommonSelector[];
  /**
   * The domain's selectors in the zone files read (see `zoneSelectorIndex`): discovery checks each
   * of them too. Null or absent when there are none to tell (live DNS only).
   */
  selectorsFromZone?: readonly string[] | null;
}

function domainKeyNode(domain: string, answer: DnsAnswer<'TXT'>): DomainKeyNode {
  return {
    name: `_domainkey.${nameKey(domain)}`,
    outcome: answer.kind,
    exists: answer.kind === 'nxdomain' ? false : answer.kind === 'failure' ? null : true,
    failure: answer.kind === 'failure' ? { kind: answer.failure, detail: answer.detail } : null,
  };
}

/** A TXT record text a DKIM verifier would take for a key record (it has p= or says v=DKIM1). */
function looksLikeKeyText(text: string): boolean {
  const { record } = parseKeyRecord(text);
  return record.tagByName.p !== undefined || record.version === 'DKIM1';
}

/** A probe answer that holds something a DKIM verifier would take for a key record. */
function looksLikeKeyRecord(answer: DnsAnswer<'TXT'>): boolean {
  return answer.kind === 'records' && answer.records.some((r) => looksLikeKeyText(joinTxt(r.strings)));
}

const answerTexts = (answer: DnsAnswer<'TXT'>): string =>
  answer.kind === 'records' ? answer.records.map((r) => joinTxt(r.strings)).sort().join('\n') : '';

/**
 * What an answer looks like apart from the name asked: a wildcard (RFC 4592) gives every name
 * below it the same kind, CNAME targets and texts. Null for answers a wildcard does not explain
 * (a failure, or NXDOMAIN without a CNAME: then there is no wildcard).
 */
function answerShape(answer: DnsAnswer<'TXT'>): string | null {
  if (answer.kind === 'failure' || (answer.kind === 'nxdomain' && answer.cnameChain.length === 0)) return null;
  return JSON.stringify([answer.kind, answer.cnameChain.map((l) => nameKey(l.target)), answerTexts(answer)]);
}

/**
 * Where the probed selectors came from, in words: `42 common, 2 found in the zone files`; null when
 * the zone files added none (or the selectors were named), so only common selectors were probed.
 */
export function selectorSourcesText(audit: Pick<DkimAudit, 'mode' | 'probes' | 'selectorsFromZone'>): string | null {
  if (audit.mode !== 'discovery' || audit.selectorsFromZone === null || audit.selectorsFromZone.length === 0 || audit.probes === null) return null;
  const common = audit.probes.filter((p) => p.usedBy !== null).length;
  const fromZone = audit.selectorsFromZone.length;
  const alsoCommon = audit.probes.filter((p) => p.usedBy !== null && p.inZoneFiles).length;
  const overlap = alsoCommon === 0 ? '' : alsoCommon < fromZone ? ` (${alsoCommon} of them also common)` : fromZone === 1 ? ' (also a common one)' : ' (all also common)';
  return `${common} common, ${fromZone} found in the zone files${overlap}`;
}

/** Findings about the set of keys rather than any one of them. */
function setFindings(audit: Omit<DkimAudit, 'findings'>): Finding[] {
  const out: Finding[] = [];
  const working = audit.keys.filter((k) => k.verdict === 'usable' || k.verdict === 'uncertain');
  const ed = working.filter((k) => k.keyType === 'ed25519');
  if (ed.length > 0 && !working.some((k) => k.keyType === 'rsa')) {
    const scope = audit.mode === 'discovery' ? 'among the selectors found' : 'among the selectors checked';
    out.push(
      finding(
        F['dkim-ed25519-without-rsa'],
        `${audit.domain} has Ed25519 keys (${ed.map((k) => k.selector).join(', ')}) and no working RSA key ${scope}: RFC 8463 keys are not reliably verified by Gmail, Microsoft or Yahoo, so mail signed only with Ed25519 gets no DKIM pass there`,
        { domain: audit.domain, record: ed.map((k) => k.records[0]?.text ?? '').join('\n'), path: ed.map((k) => k.name) },
        'Sign with an RSA key (2048 bits) as well, under its own selector, and keep the Ed25519 signature beside it.',
      ),
    );
  }
  const found = audit.keys.filter((k) => k.outcome === 'records');
  if (audit.domainkey.exists === false && found.length > 0) {
    out.push(
      finding(
        F['dkim-domainkey-nxdomain-with-keys'],
        `${audit.domainkey.name} answers NXDOMAIN, yet ${found.map((k) => k.name).join(', ')} exist below it: under RFC 8020 §2 a resolver may conclude that nothing below an NXDOMAIN exists and stop finding these keys`,
        { domain: audit.domainkey.name, path: found.map((k) => k.name) },
        'Fix the authoritative server so that names with children answer NOERROR (an empty non-terminal), not NXDOMAIN.',
      ),
    );
  }
  // a key record (working or not), or a failed lookup that may hide one; selectors published
  // without a key (a dangling CNAME, a stray TXT) have their own findings and are no key
  const anyKey = audit.keys.some((k) => k.verdict === 'temperror' || k.records.some((r) => looksLikeKeyText(r.text)));
  if (audit.mode === 'discovery' && !anyKey) {
    const sources = selectorSourcesText(audit);
    const node =
      audit.domainkey.exists === false
        ? `${audit.domainkey.name} does not exist (NXDOMAIN), so by RFC 8020 no selector has a key`
        : sources === null
          ? `no key was found at ${audit.selectors.length} common selectors (DNS cannot list selectors, so a key under another name is still possible)`
          : `no key was found at any of the ${audit.selectors.length} selectors checked (${sources}; the zone files hold no other selector under ${audit.domainkey.name})`;
    out.push(
      finding(
        F['dkim-none-found'],
        `${audit.domain}: ${node}; mail from this domain has no DKIM signature that can pass (RFC 6376 §3.6.2.1)`,
        { domain: audit.domainkey.name },
        'Enable DKIM signing at each service that sends for this domain and publish its key; name the selectors with --selector to check them.',
      ),
    );
  }
  return out;
}

interface Candidate {
  selector: string;
  usedBy: string | null;
  inZoneFiles: boolean;
}

/** The common selectors, then those only the zone files hold; each once. */
function candidates(common: readonly CommonSelector[], fromZone: readonly string[]): Candidate[] {
  const zone = new Set(fromZone.map(nameKey));
  const out: Candidate[] = [];
  const seen = new Set<string>();
  for (const c of common) {
    const selector = nameKey(c.selector);
    if (seen.has(selector)) continue;
    seen.add(selector);
    out.push({ selector: c.selector, usedBy: c.usedBy, inZoneFiles: zone.has(selector) });
  }
  for (const selector of zone) {
    if (seen.has(selector)) continue;
    seen.add(selector);
    out.push({ selector, usedBy: null, inZoneFiles: true });
  }
  return out;
}

async function discover(domain: string, resolver: Resolver, checked: readonly Candidate[]): Promise<{ probes: DkimProbe[]; keys: DkimKeyReport[] }> {
  const ask = (selector: string) => resolver.query(keyRecordName(domain, selector), 'TXT');
  // every probe goes out together: none depends on another
  const [wildcard, ...answers] = await Promise.all([ask(WILDCARD_PROBE), ...checked.map((c) => ask(c.selector))]);
  const keys: DkimKeyReport[] = [];
  if (wildcard !== undefined && looksLikeKeyRecord(wildcard)) {
    keys.push(evaluateKeyAnswer(domain, '*', { ...wildcard, name: keyRecordName(domain, '*') }, { discovered: true }));
  }
  const wildcardShape = wildcard === undefined ? null : answerShape(wildcard);
  const outcomes = checked.map((c, i): ProbeOutcome => {
    const answer = answers[i] as DnsAnswer<'TXT'>;
    if (answer.kind === 'failure') return 'failure';
    // a name the zone files hold is published, whatever a wildcard would answer for it
    if (!c.inZoneFiles && wildcardShape !== null && answerShape(answer) === wildcardShape) return 'wildcard';
    if (answer.kind === 'nxdomain' || answer.kind === 'nodata') return answer.cnameChain.length > 0 ? 'dangling-cname' : answer.kind;
    return looksLikeKeyRecord(answer) ? 'found' : 'not-dkim';
  });
  const found = checked.filter((_, i) => outcomes[i] === 'found').map((c) => nameKey(c.selector));
  checked.forEach((c, i) => {
    const outcome = outcomes[i];
    if (outcome === 'nxdomain' || outcome === 'wildcard') return;
    // RFC 6376 §3.1: selectors may hold dots (`jun2005.eng`), so `eng` exists as an empty
    // non-terminal above a key: a parent of a found key is no selector published without one
    if (outcome === 'nodata' && found.some((f) => f.endsWith(`.${nameKey(c.selector)}`))) return;
    keys.push(evaluateKeyAnswer(domain, c.selector, answers[i] as DnsAnswer<'TXT'>, { discovered: true }));
  });
  const probes = checked.map((c, i): DkimProbe => ({ selector: c.selector, usedBy: c.usedBy, inZoneFiles: c.inZoneFiles, outcome: outcomes[i] as ProbeOutcome }));
  return { probes, keys };
}

export async function auditDkim(domain: string, resolver: Resolver, options: AuditDkimOptions = {}): Promise<DkimAudit> {
  const named = [...new Set(options.selectors ?? [])];
  const common = options.commonSelectors ?? COMMON_SELECTORS;
  const fromZone = options.selectorsFromZone === undefined || options.selectorsFromZone === null ? null : [...new Set(options.selectorsFromZone.map(nameKey))].sort();
  const mode = named.length > 0 ? 'selectors' : 'discovery';
  const nodeAnswer = resolver.query(`_domainkey.${nameKey(domain)}`, 'TXT');
  let probes: DkimProbe[] | null = null;
  let keys: DkimKeyReport[];
  const checked = candidates(common, fromZone ?? []);
  if (mode === 'selectors') {
    keys = await Promise.all(named.map(async (s) => evaluateKeyAnswer(domain, s, await resolver.query(keyRecordName(domain, s), 'TXT'))));
  } else {
    ({ probes, keys } = await discover(domain, resolver, checked));
  }
  const base = {
    domain: nameKey(domain),
    mode,
    selectors: mode === 'selectors' ? named : checked.map((c) => c.selector),
    selectorsFromZone: mode === 'discovery' ? fromZone : null,
    domainkey: domainKeyNode(domain, await nodeAnswer),
    probes,
    keys,
  } satisfies Omit<DkimAudit, 'findings'>;
  return { ...base, findings: [...keys.flatMap((k) => k.findings), ...setFindings(base)] };
}
