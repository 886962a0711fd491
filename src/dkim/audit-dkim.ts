// A domain's DKIM keys: the named selectors, or discovery over common ones, plus the findings that
// only the set of selectors shows (Ed25519 alone, `_domainkey` NXDOMAIN above existing keys).
import type { DnsAnswer, FailureKind, Resolver } from '../dns/types.js';
import { nameKey } from '../dns/names.js';
import { joinTxt } from '../dns/txt.js';
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

export type ProbeOutcome = 'found' | 'nxdomain' | 'nodata' | 'not-dkim' | 'wildcard' | 'failure';

export interface DkimProbe {
  selector: string;
  /** Who hands the selector out (from the common-selector list). */
  usedBy: string;
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
  /** `selectors` when the user named them, `discovery` when common selectors were probed. */
  mode: 'selectors' | 'discovery';
  /** The selectors named, or the ones probed. */
  selectors: string[];
  domainkey: DomainKeyNode;
  /** Discovery only: what each probe found. */
  probes: DkimProbe[] | null;
  /** Named: one per selector. Discovery: the keys found, the wildcard key, and failed probes. */
  keys: DkimKeyReport[];
  findings: Finding[];
}

export interface AuditDkimOptions {
  /** Selectors to check; when empty or absent, discovery probes `commonSelectors`. */
  selectors?: readonly string[];
  commonSelectors?: readonly CommonSelector[];
}

function domainKeyNode(domain: string, answer: DnsAnswer<'TXT'>): DomainKeyNode {
  return {
    name: `_domainkey.${nameKey(domain)}`,
    outcome: answer.kind,
    exists: answer.kind === 'nxdomain' ? false : answer.kind === 'failure' ? null : true,
    failure: answer.kind === 'failure' ? { kind: answer.failure, detail: answer.detail } : null,
  };
}

/** A probe answer that holds something a DKIM verifier would take for a key record. */
function looksLikeKeyRecord(answer: DnsAnswer<'TXT'>): boolean {
  if (answer.kind !== 'records') return false;
  return answer.records.some((r) => {
    const { record } = parseKeyRecord(joinTxt(r.strings));
    return record.tagByName.p !== undefined || record.version === 'DKIM1';
  });
}

const answerTexts = (answer: DnsAnswer<'TXT'>): string =>
  answer.kind === 'records' ? answer.records.map((r) => joinTxt(r.strings)).sort().join('\n') : '';

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
  if (audit.mode === 'discovery' && audit.keys.length === 0) {
    const node =
      audit.domainkey.exists === false
        ? `${audit.domainkey.name} does not exist (NXDOMAIN), so by RFC 8020 no selector has a key`
        : `no key was found at ${audit.selectors.length} common selectors (DNS cannot list selectors, so a key under another name is still possible)`;
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

async function discover(domain: string, resolver: Resolver, common: readonly CommonSelector[]): Promise<{ probes: DkimProbe[]; keys: DkimKeyReport[] }> {
  const ask = (selector: string) => resolver.query(keyRecordName(domain, selector), 'TXT');
  // every probe goes out together: none depends on another
  const [wildcard, ...answers] = await Promise.all([ask(WILDCARD_PROBE), ...common.map((c) => ask(c.selector))]);
  const wildcardText = wildcard !== undefined && looksLikeKeyRecord(wildcard) ? answerTexts(wildcard) : null;
  const keys: DkimKeyReport[] = [];
  if (wildcard !== undefined && wildcardText !== null) {
    keys.push(evaluateKeyAnswer(domain, '*', { ...wildcard, name: keyRecordName(domain, '*') }, { discovered: true }));
  }
  const probes = common.map((c, i): DkimProbe => {
    const answer = answers[i] as DnsAnswer<'TXT'>;
    let outcome: ProbeOutcome;
    if (answer.kind === 'failure') outcome = 'failure';
    else if (answer.kind === 'nxdomain' || answer.kind === 'nodata') outcome = answer.kind;
    else if (!looksLikeKeyRecord(answer)) outcome = 'not-dkim';
    else if (wildcardText !== null && answerTexts(answer) === wildcardText && answer.cnameChain.length === 0) outcome = 'wildcard';
    else outcome = 'found';
    if (outcome === 'found' || outcome === 'failure') keys.push(evaluateKeyAnswer(domain, c.selector, answer, { discovered: true }));
    return { selector: c.selector, usedBy: c.usedBy, outcome };
  });
  return { probes, keys };
}

export async function auditDkim(domain: string, resolver: Resolver, options: AuditDkimOptions = {}): Promise<DkimAudit> {
  const named = [...new Set(options.selectors ?? [])];
  const common = options.commonSelectors ?? COMMON_SELECTORS;
  const mode = named.length > 0 ? 'selectors' : 'discovery';
  const nodeAnswer = resolver.query(`_domainkey.${nameKey(domain)}`, 'TXT');
  let probes: DkimProbe[] | null = null;
  let keys: DkimKeyReport[];
  if (mode === 'selectors') {
    keys = await Promise.all(named.map(async (s) => evaluateKeyAnswer(domain, s, await resolver.query(keyRecordName(domain, s), 'TXT'))));
  } else {
    ({ probes, keys } = await discover(domain, resolver, common));
  }
  const base = {
    domain: nameKey(domain),
    mode,
    selectors: mode === 'selectors' ? named : common.map((c) => c.selector),
    domainkey: domainKeyNode(domain, await nodeAnswer),
    probes,
    keys,
  } satisfies Omit<DkimAudit, 'findings'>;
  return { ...base, findings: [...keys.flatMap((k) => k.findings), ...setFindings(base)] };
}
