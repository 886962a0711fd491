// MTA-STS of one domain (RFC 8461): the `_mta-sts` TXT record, the policy fetched from
// https://mta-sts.<domain>/.well-known/mta-sts.txt under the rules of §3.3 (src/fetch), and whether
// its mx patterns cover the domain's MX hosts (§4.1). Findings say what a sending MTA that enforces
// the policy would do: a half-published policy is an error, none at all an info finding.
import type { Resolver } from '../dns/types.js';
import { fetchHttps, type FetchFailureStep } from '../fetch/https-fetch.js';
import type { HttpsAccess } from '../fetch/access.js';
import { resolveHostAddresses } from '../fetch/resolve-host.js';
import { finding, type Evidence, type Finding } from '../findings/types.js';
import { nameKey } from '../model/names.js';
import type { MxReport } from '../mx/check-mx.js';
import { TRANSPORT_FINDINGS as F } from './findings.js';
import { MAX_MAX_AGE, mxPatternMatches, parseMtaStsPolicy, type MtaStsPolicy } from './mta-sts-policy.js';
import { parseMtaStsRecord, type MtaStsRecord } from './mta-sts-record.js';
import { lookupTransportTxt, type TransportTxt } from './txt-records.js';

/** RFC 8461 §3.2 "expected … in the range of weeks or greater"; shorter than a day is a warning. */
export const SHORT_MAX_AGE = 86400;

export type PolicyFetchStatus = 'fetched' | 'failed' | 'not-fetched';

export interface PolicyFetch {
  url: string;
  status: PolicyFetchStatus;
  /** The step that failed (failed), else null. */
  step: FetchFailureStep | null;
  /** What happened, in words (failed, not-fetched), else null. */
  detail: string | null;
  httpStatus: number | null;
  contentType: string | null;
  address: string | null;
}

export interface MxCoverage {
  host: string;
  /** The first pattern that matches it, or null. */
  pattern: string | null;
}

export interface MtaStsReport {
  domain: string;
  txt: TransportTxt;
  /** The first `v=STSv1` record, parsed; null when there is none. */
  record: MtaStsRecord | null;
  fetch: PolicyFetch;
  policy: MtaStsPolicy | null;
  /** The MX host names the policy must cover (null MX and implicit MX have none). */
  mxHosts: string[];
  mxCoverage: MxCoverage[];
  /** Patterns that match no MX host. */
  unusedPatterns: string[];
  findings: Finding[];
}

export const policyUrl = (domain: string): string => `https://mta-sts.${nameKey(domain)}/.well-known/mta-sts.txt`;

async function fetchPolicy(domain: string, resolver: Resolver, https: HttpsAccess): Promise<{ fetch: PolicyFetch; body: string | null }> {
  const url = policyUrl(domain);
  const base = { url, step: null, detail: null, httpStatus: null, contentType: null, address: null };
  // the policy host is looked up whether or not fetches are on: a host without an address is a fact
  // of the DNS alone, the same offline and live
  const host = await resolveHostAddresses(`mta-sts.${domain}`, resolver);
  if (host.addresses.length === 0) return { fetch: { ...base, status: 'failed', step: 'dns', detail: `mta-sts.${domain} has no address (${host.why})` }, body: null };
  if (!https.allowed) return { fetch: { ...base, status: 'not-fetched', detail: https.offReason }, body: null };
  // RFC 8461 §3.2: the policy is served as text/plain
  const result = await fetchHttps(url, { resolver, ca: https.ca, port: https.port, timeouts: https.timeouts, log: https.log, acceptTypes: ['text/plain'] });
  if (result.kind === 'failed') {
    return { fetch: { ...base, status: 'failed', step: result.step, detail: result.detail, httpStatus: result.status, address: result.address }, body: null };
  }
  return { fetch: { ...base, status: 'fetched', httpStatus: result.status, contentType: result.contentType, address: result.address }, body: result.body.toString('utf8') };
}

export interface MtaStsOptions {
  https: HttpsAccess;
}

/** `mx` may still be on its way: the record and the policy are looked up meanwhile (only the coverage needs the hosts). */
export async function checkMtaSts(domain: string, resolver: Resolver, mxReport: MxReport | Promise<MxReport>, options: MtaStsOptions): Promise<MtaStsReport> {
  const name = nameKey(domain);
  const [txt, fetched, mx] = await Promise.all([lookupTransportTxt(`_mta-sts.${name}`, 'STSv1', resolver), fetchPolicy(name, resolver, options.https), mxReport]);
  const first = txt.records[0];
  const record = first === undefined ? null : parseMtaStsRecord(first.text);
  const policy = fetched.body === null ? null : parseMtaStsPolicy(fetched.body);
  const mxHosts = mx.kind === 'mx' ? mx.hosts.filter((h) => h.exchange !== '').map((h) => h.exchange) : [];
  const patterns = policy?.mx.map((m) => m.pattern) ?? [];
  const mxCoverage = policy === null ? [] : mxHosts.map((host) => ({ host, pattern: patterns.find((p) => mxPatternMatches(p, host)) ?? null }));
  const unusedPatterns = policy === null || mxHosts.length === 0 ? [] : patterns.filter((p) => !mxHosts.some((h) => mxPatternMatches(p, h)));
  const report: Omit<MtaStsReport, 'findings'> = { domain: name, txt, record, fetch: fetched.fetch, policy, mxHosts, mxCoverage, unusedPatterns };
  return { ...report, findings: mtaStsFindings(report) };
}

const FETCH_FINDING: Partial<Record<FetchFailureStep, keyof typeof F>> = {
  redirect: 'mta-sts-policy-redirect',
  'content-type': 'mta-sts-policy-content-type',
  'too-large': 'mta-sts-policy-too-large',
  tls: 'mta-sts-policy-certificate',
};

/** The policy's mode as senders apply it: a policy that is not valid counts as none (RFC 8461 §3.2). */
export function effectiveMode(report: Pick<MtaStsReport, 'record' | 'policy'>): 'enforce' | 'testing' | 'none' | null {
  if (report.record === null || report.record.problems.length > 0 || report.policy === null) return null;
  return report.policy.problems.length > 0 ? null : report.policy.mode;
}

function mtaStsFindings(r: Omit<MtaStsReport, 'findings'>): Finding[] {
  const out: Finding[] = [];
  const d = r.domain;
  const txtSource = r.txt.records[0]?.source ?? null;
  const txtEv = (extra: Partial<Evidence> = {}): Partial<Evidence> => ({ domain: `_mta-sts.${d}`, record: r.record?.text ?? null, file: txtSource?.file ?? null, line: txtSource?.line ?? null, ...extra });
  const policyEv = (extra: Partial<Evidence> = {}): Partial<Evidence> => ({ domain: `mta-sts.${d}`, record: r.policy?.text ?? null, path: [r.fetch.url], ...extra });
  const publishHint = `Publish the TXT record _mta-sts.${d} "v=STSv1; id=<yyyymmddNN>" and serve the policy at ${r.fetch.url} (text/plain, a valid certificate for mta-sts.${d}).`;

  if (r.txt.outcome === 'failure') out.push(finding(F['mta-sts-dns-failure'], `the TXT lookup of _mta-sts.${d} failed (${r.txt.failure ?? ''}): senders keep using any policy they cached, and new senders see none (RFC 8461 §3.1)`, txtEv(), 'Make the authoritative servers answer TXT queries for the _mta-sts name reliably.'));
  if (r.txt.records.length > 1) {
    out.push(finding(F['mta-sts-record-multiple'], `_mta-sts.${d} has ${r.txt.records.length} records starting with v=STSv1; senders then assume there is no policy (RFC 8461 §3.1)`, txtEv({ record: r.txt.records.map((x) => x.text).join('\n') }), `Keep one v=STSv1 record at _mta-sts.${d}.`));
  }
  if (r.record !== null) {
    for (const p of r.record.problems) out.push(finding(F['mta-sts-record-invalid'], `_mta-sts.${d}: ${p.message}; senders ignore an invalid record`, txtEv({ position: p.position }), `Publish "v=STSv1; id=<1 to 32 letters and digits>" at _mta-sts.${d} (change the id whenever the policy changes).`));
  }

  const hasRecord = r.record !== null;
  const fetch = r.fetch;
  if (fetch.status === 'not-fetched') {
    if (hasRecord) out.push(finding(F['mta-sts-policy-not-fetched'], `the policy at ${fetch.url} was not fetched: ${fetch.detail ?? 'HTTPS fetches are off'}; whether it exists, is valid and covers the MX hosts is not checked`, policyEv(), null));
  } else if (fetch.status === 'failed') {
    const hostMissing = fetch.step === 'dns' || (fetch.step === 'connect' && !hasRecord);
    if (hasRecord) {
      const id = (fetch.step !== null ? FETCH_FINDING[fetch.step] : undefined) ?? 'mta-sts-policy-unavailable';
      out.push(finding(F[id], `_mta-sts.${d} announces a policy, but fetching ${fetch.url} failed: ${fetch.detail ?? 'unknown'}; senders that know the TXT record find no valid policy and, without a cached one, deliver without MTA-STS; those with a cached policy keep enforcing it until it expires (RFC 8461 §3.3, §5.1)`, policyEv(), fixForFetch(fetch, d)));
    } else if (hostMissing || fetch.step === 'status') {
      // neither the TXT nor a policy: not published (the info finding below)
    } else {
      // something answers at mta-sts.<domain> but no TXT announces it: say what, as information
      out.push(finding(F['mta-sts-policy-unavailable'], `no _mta-sts.${d} TXT record, and fetching ${fetch.url} failed: ${fetch.detail ?? 'unknown'}`, policyEv(), fixForFetch(fetch, d), 'info'));
    }
  }

  const policy = r.policy;
  if (policy !== null) {
    if (!hasRecord && r.txt.outcome !== 'failure') out.push(finding(F['mta-sts-policy-without-record'], `${fetch.url} serves a policy, but _mta-sts.${d} has no v=STSv1 TXT record: senders look for the TXT record first and never fetch the policy (RFC 8461 §3.1, §3.3)`, policyEv(), `Publish the TXT record _mta-sts.${d} "v=STSv1; id=<yyyymmddNN>".`));
    for (const p of policy.problems) out.push(finding(F['mta-sts-policy-invalid'], `${fetch.url}: ${p.message}; senders treat an invalid policy as no policy (RFC 8461 §3.2)`, policyEv({ position: p.line === 0 ? null : p.line }), 'Serve "version: STSv1", "mode: enforce|testing|none", "max_age: <seconds>" and one "mx: <host or *.domain>" line per MX host, each line ended by LF or CRLF.'));
    if (policy.maxAge !== null && policy.maxAge > MAX_MAX_AGE) {
      out.push(finding(F['mta-sts-max-age-out-of-range'], `max_age ${policy.maxAge} is over the largest value, 31557600 seconds (a year) (RFC 8461 §3.2): senders may reject the policy`, policyEv(), 'Set max_age to at most 31557600 (604800, a week, or more is usual).'));
    } else if (policy.maxAge !== null && policy.maxAge < SHORT_MAX_AGE && policy.mode !== 'none') {
      out.push(finding(F['mta-sts-max-age-short'], `max_age ${policy.maxAge} is less than a day: a cached policy lapses so soon that an attacker who blocks the policy fetch can downgrade delivery; RFC 8461 §3.2 expects weeks or more`, policyEv(), 'Raise max_age to 604800 (a week) or more once the policy works (RFC 8461 §3.2).'));
    }
    if (policy.mode === 'testing') out.push(finding(F['mta-sts-mode-testing'], `the policy is in testing mode: senders report failures (TLS-RPT) but still deliver without valid TLS (RFC 8461 §5)`, policyEv(), 'When the TLS reports show no failures, switch to "mode: enforce" (and change the id of the TXT record).'));
    if (policy.mode === 'none') out.push(finding(F['mta-sts-mode-none'], `the policy's mode is none: senders stop applying any earlier policy (RFC 8461 §5, §8.3)`, policyEv(), null));
    const severity = policy.mode === 'enforce' ? 'error' : 'warning';
    for (const c of r.mxCoverage) {
      if (c.pattern !== null || policy.mode === 'none') continue;
      const consequence = policy.mode === 'enforce' ? 'senders that apply the policy refuse to deliver to it (RFC 8461 §5)' : 'in testing mode senders still deliver, and report the failure (RFC 8461 §5)';
      out.push(finding(F['mta-sts-mx-not-covered'], `MX host ${c.host} matches none of the policy's mx patterns (${policy.mx.map((m) => m.pattern).join(', ') || 'none'}): ${consequence}; a "*." pattern covers exactly one label (RFC 8461 §4.1)`, policyEv({ domain: d }), `Add "mx: ${c.host}" to the policy at ${fetch.url} (and change the id of _mta-sts.${d}).`, severity));
    }
    for (const p of r.unusedPatterns) out.push(finding(F['mta-sts-pattern-unused'], `the policy's pattern "mx: ${p}" matches none of ${d}'s MX hosts (${r.mxHosts.join(', ')})`, policyEv(), `Remove "mx: ${p}" from the policy, or correct it to match an MX host.`));
  }

  if (!hasRecord && policy === null && r.txt.outcome !== 'failure') {
    out.push(finding(F['mta-sts-not-published'], `${d} publishes no MTA-STS policy: senders deliver over opportunistic TLS, which an attacker on the path can strip or redirect (RFC 8461 §1); recommended, not required, and best with a TLS-RPT record (RFC 8460) to hear of failures`, txtEv(), publishHint));
  }
  return out;
}

function fixForFetch(fetch: PolicyFetch, d: string): string {
  switch (fetch.step) {
    case 'redirect':
      return `Serve the policy at ${fetch.url} itself, with status 200: senders do not follow redirects (RFC 8461 §3.3).`;
    case 'content-type':
      return 'Serve the policy with "Content-Type: text/plain" (RFC 8461 §3.2).';
    case 'too-large':
      return 'Serve only the policy: a few lines of "key: value".';
    case 'tls':
      return `Install a certificate for mta-sts.${d} from a CA that senders trust, valid now, with the intermediates.`;
    case 'dns':
      return `Publish an A/AAAA record for mta-sts.${d} pointing at the web server that serves the policy.`;
    case 'status':
      return `Serve the policy at ${fetch.url} with status 200.`;
    default:
      return `Make ${fetch.url} answer over HTTPS promptly.`;
  }
}

