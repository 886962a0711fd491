// The key at one (domain, selector): look it up, then judge what DNS answered.
import type { DnsAnswer, Resolver } from '../dns/types.js';
import { nameKey } from '../model/names.js';
import { joinTxt } from '../model/txt.js';
import { finding, type Finding } from '../findings/types.js';
import { DKIM_FINDINGS as F } from './findings.js';
import { judgeRecord } from './judge-record.js';
import { foreignOrganization } from '../org-domain/foreign-organization.js';
import type { DkimKeyReport, DkimRecordReport } from './types.js';

/** RFC 6376 §3.6.2.1: the key of selector s for domain d is at `s._domainkey.d`. */
export function keyRecordName(domain: string, selector: string): string {
  return `${nameKey(selector)}._domainkey.${nameKey(domain)}`;
}

/** The CNAME chain as names, outermost first (`[name, target, target, …]`), or null when none. */
export function chainPath(answer: DnsAnswer): string[] | null {
  if (answer.cnameChain.length === 0) return null;
  return [answer.cnameChain[0]?.name ?? answer.name, ...answer.cnameChain.map((l) => l.target)];
}

function chainText(path: string[] | null): string {
  return path === null ? '' : ` (via CNAME ${path.join(' → ')})`;
}

export interface EvaluateOptions {
  /**
   * The selector was not named by the user but found by discovery (a common name probed, or a name
   * in the zone files): a plain NXDOMAIN is then no finding (nothing was published at a guessed
   * name), and a revoked key is a retired selector. A name that exists without a key, or a CNAME
   * that leads nowhere, is a finding either way: someone published it for a selector.
   */
  discovered?: boolean;
}

/** The `dkim-no-key` finding: the name has no key record, directly or at the end of its CNAME chain. */
function noKeyFinding(domain: string, selector: string, name: string, answer: DnsAnswer<'TXT'>, path: string[] | null): Finding {
  const what = answer.kind === 'nxdomain' ? 'does not exist (NXDOMAIN)' : 'has no TXT record';
  const fails = `signatures with selector '${selector}' fail with "no key for signature" (RFC 6376 §6.1.2)`;
  if (path === null) {
    const fix =
      answer.kind === 'nxdomain'
        ? `Publish the selector's public key as TXT at ${name}.`
        : `Publish the selector's public key as TXT at ${name}; if no mail is signed with selector '${selector}' any more, remove what is left at and below ${name} instead.`;
    return finding(F['dkim-no-key'], `${name} ${what}: ${fails}`, { domain: name, path }, fix);
  }
  // RFC 6376 §3.6.2.1 lets the key be found through CNAMEs (RFC 1034 §3.6.2): a dangling chain
  // means the key is published nowhere, whoever was meant to publish it
  const end = path[path.length - 1] ?? name;
  const provider = foreignOrganization(domain, end);
  const fix =
    provider === null
      ? `Publish the key as TXT at ${end}, or fix the CNAME at ${name} to point at the name that holds the key (remove it if the selector is retired).`
      : `${end} is in ${provider}'s zone, not yours: configure (or re-enable) DKIM for ${nameKey(domain)} at that provider so that it publishes the key there, rather than editing their zone; if the provider no longer sends for you, remove the CNAME at ${name}.`;
  return finding(F['dkim-no-key'], `${name} is a CNAME that dangles (${path.join(' → ')}): ${end} ${what}, so ${fails}`, { domain: name, path }, fix);
}

/** Judge a TXT answer for `<selector>._domainkey.<domain>`; pure, never touches DNS. */
export function evaluateKeyAnswer(domain: string, selector: string, answer: DnsAnswer<'TXT'>, options: EvaluateOptions = {}): DkimKeyReport {
  const discovered = options.discovered === true;
  const name = keyRecordName(domain, selector);
  const path = chainPath(answer);
  const base = {
    domain: nameKey(domain),
    selector,
    name,
    outcome: answer.kind,
    failure: answer.kind === 'failure' ? { kind: answer.failure, detail: answer.detail } : null,
    cnameChain: answer.cnameChain,
    keyType: null,
    bits: null,
    testing: false,
    strictSubdomains: false,
  };
  const ev = { domain: name, path };

  if (answer.kind === 'failure') {
    const findings = [
      finding(
        F['dkim-dns-failure'],
        `the key lookup for ${name}${chainText(path)} failed (${answer.failure}: ${answer.detail}): verifiers treat this as a temporary failure (RFC 6376 §6.1.2), and providers defer or reject`,
        ev,
        'Make the authoritative servers for this name answer reliably.',
      ),
    ];
    return { ...base, records: [], verdict: 'temperror', reason: 'dns-failure', findings };
  }
  if (answer.kind !== 'records' || answer.records.length === 0) {
    const nothingPublished = answer.kind === 'nxdomain' && path === null;
    const findings: Finding[] = discovered && nothingPublished ? [] : [noKeyFinding(domain, selector, name, answer, path)];
    return { ...base, records: [], verdict: 'unusable', reason: 'no-key', findings };
  }

  const findings: Finding[] = [];
  const records: DkimRecordReport[] = [];
  for (const rr of answer.records) {
    const judged = judgeRecord(joinTxt(rr.strings), rr.source ?? null, { name, path, discovered });
    records.push(judged.report);
    findings.push(...judged.findings);
  }
  if (records.length > 1) {
    // RFC 6376 §6.1.2: with several key records the verifier picks one (or tries each) as it likes
    const first = answer.records[0]?.source;
    findings.unshift(
      finding(
        F['dkim-multiple-records'],
        `${name}${chainText(path)} has ${records.length} TXT records: which one a verifier uses is unspecified (RFC 6376 §6.1.2), so results differ between receivers`,
        { ...ev, record: records.map((r) => r.text).join('\n'), file: first?.file ?? null, line: first?.line ?? null },
        'Keep exactly one key record per selector; publish a new key under a new selector.',
      ),
    );
  }
  const usable = records.filter((r) => r.unusable === null);
  const decider = usable[0] ?? records[0];
  const key = decider?.key;
  const verdict = usable.length === records.length ? 'usable' : usable.length === 0 ? 'unusable' : 'uncertain';
  return {
    ...base,
    records,
    verdict,
    reason: verdict === 'unusable' ? (records[0]?.unusable ?? null) : null,
    keyType: decider?.parse.record.keyType ?? null,
    bits: key === undefined ? null : key.state === 'rsa' || key.state === 'ed25519' ? key.bits : null,
    testing: decider?.parse.record.flags.includes('y') ?? false,
    strictSubdomains: decider?.parse.record.flags.includes('s') ?? false,
    findings,
  };
}

/** Look up and judge the key of one (domain, selector): what the delivery predictor calls per signature. */
export async function checkDkimKey(domain: string, selector: string, resolver: Resolver, options: EvaluateOptions = {}): Promise<DkimKeyReport> {
  const answer = await resolver.query(keyRecordName(domain, selector), 'TXT');
  return evaluateKeyAnswer(domain, selector, answer, options);
}
