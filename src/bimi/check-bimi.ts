// BIMI for one domain, as a receiver evaluates it (draft-brand-indicators-for-message-identification-10
// §7): the Assertion Record at <selector>._bimi.<domain>, else at the organizational domain (§7.2); the
// DMARC policy at enforcement (§2); the indicator at l= checked as SVG Tiny PS (§7.6); the mark
// certificate at a= (§7.4); and which providers would show the logo. Fetches go through the injected
// fetcher (null when the run does not fetch: offline, diff), never the network directly. The SVG and
// certificate checks are imported when a fetched file is to be checked, so that a run that fetches
// nothing never loads their parsers (saxes, the @peculiar ASN.1 packages).
import type { RecordSource, Resolver } from '../dns/types.js';
import type { FetchResult } from '../fetch/https-fetch.js';
import { nameKey } from '../model/names.js';
import { joinTxt } from '../model/txt.js';
import { lookupDmarc, singleRecord } from '../dmarc/lookup-dmarc.js';
import type { DmarcRecord } from '../dmarc/types.js';
import { pslOrganizationalDomain } from '../org-domain/psl.js';
import { BIMI_DISPLAY, type BimiDisplay } from '../providers/bimi-display.js';
import type { ProviderId } from '../providers/types.js';
import type { MarkCertificateCheck } from './mark-certificate.js';
import { isBimiRecordText, parseBimiRecord, type BimiRecord } from './record.js';
import type { SvgCheck } from './svg-tiny-ps.js';

/** One HTTPS GET under the run's rules (src/bimi/fetcher.ts builds it over src/fetch). */
export type Fetcher = (url: string) => Promise<FetchResult>;

export interface BimiOptions {
  /** `--bimi-selector`; `default` when not given (§4.4). */
  selector?: string;
  /** Null: fetches are off for this run (offline, diff) and `fetchOff` says why. */
  fetch: Fetcher | null;
  fetchOff?: string | null;
  /** `--bimi-roots` PEM text, or null. */
  roots: string | null;
  now: Date;
}

export type BimiStatus = 'published' | 'declined' | 'none' | 'invalid' | 'multiple' | 'dns-failure';

export interface DmarcPrerequisite {
  /** DMARC at enforcement for the domain and its organizational domain (§2). */
  met: boolean;
  /** Why not, one line each, naming the record. */
  reasons: string[];
  /** The record that applies to the domain and where it is. */
  record: string | null;
  recordDomain: string | null;
}

/** Why a fetch gave no body: the step it stopped at (src/fetch) and one sentence. */
export interface FetchProblem {
  step: string;
  detail: string;
}

export interface BimiLogo {
  url: string;
  /** Null when not fetched (fetches off) or the fetch failed (see `fetchProblem`). */
  check: SvgCheck | null;
  fetchProblem: FetchProblem | null;
  contentType: string | null;
}

export interface BimiCertificate {
  url: string;
  check: MarkCertificateCheck | null;
  fetchProblem: FetchProblem | null;
}

export interface BimiProviderOutlook {
  provider: ProviderId;
  /** true: the logo can be shown; false: it will not be, and `reason` says why. Null: cannot tell. */
  shows: boolean | null;
  reason: string;
  display: BimiDisplay;
}

export interface BimiReport {
  domain: string;
  selector: string;
  status: BimiStatus;
  /** The name queried last and whose answer decided (`default._bimi.example.com`). */
  queryName: string;
  /** The domain whose record is used: the domain itself or its organizational domain (§7.2 step 6). */
  recordDomain: string | null;
  record: (BimiRecord & { source: RecordSource | null }) | null;
  /** Texts of the several records when status is `multiple`. */
  records: string[];
  dnsFailure: string | null;
  dmarc: DmarcPrerequisite;
  /** Whether the indicator or certificate was fetched over HTTPS (false when the record names neither). */
  fetched: boolean;
  /** Why not, when the record names something to fetch and the run does not fetch ("offline (--zone) …"). */
  fetchOff: string | null;
  logo: BimiLogo | null;
  certificate: BimiCertificate | null;
  /**
   * §7.7 words: what a receiver would write in Authentication-Results (`bimi=`); null when it cannot
   * be told because the indicator was not fetched.
   */
  result: 'pass' | 'none' | 'fail' | 'temperror' | 'declined' | 'skipped' | null;
  providers: BimiProviderOutlook[];
}

interface Found {
  name: string;
  records: { text: string; source: RecordSource | null }[];
  failure: string | null;
}

async function bimiAt(selector: string, domain: string, resolver: Resolver): Promise<Found> {
  const name = `${selector}._bimi.${nameKey(domain)}`;
  const answer = await resolver.query(name, 'TXT');
  if (answer.kind === 'failure') return { name, records: [], failure: `${answer.failure}: ${answer.detail}` };
  if (answer.kind !== 'records') return { name, records: [], failure: null };
  // §7.2 steps 4 and 7: records that do not start with v=BIMI1 are discarded
  const records = answer.records.map((rr) => ({ text: joinTxt(rr.strings), source: rr.source ?? null })).filter((r) => isBimiRecordText(r.text));
  return { name, records, failure: null };
}

/** §2: p=quarantine with an effective pct of 100, or p=reject; a published sp must not be none. */
function notEnforced(record: DmarcRecord): string | null {
  const reading = record.policyRfc7489;
  if (reading.p === null || reading.status !== 'valid') return `has no valid policy (${reading.reason ?? 'p= missing'})`;
  if (reading.p === 'none') return 'says p=none';
  if (reading.p === 'quarantine' && record.effective.pct < 100) return `says p=quarantine with pct=${record.effective.pct}`;
  if (record.effective.testing) return 'says t=y (testing mode)';
  if (reading.sp === 'none') return 'says sp=none';
  return null;
}

async function dmarcPrerequisite(domain: string, orgDomain: string | null, resolver: Resolver): Promise<DmarcPrerequisite> {
  const reasons: string[] = [];
  const own = await lookupDmarc(domain, resolver);
  const org = orgDomain !== null && orgDomain !== nameKey(domain) ? await lookupDmarc(orgDomain, resolver) : null;
  const ownRecord = singleRecord(own);
  const orgRecord = org === null ? ownRecord : singleRecord(org);
  const applies = ownRecord ?? orgRecord;
  if (own.outcome === 'failure' || org?.outcome === 'failure') reasons.push('the DMARC lookup failed, so enforcement cannot be confirmed');
  else if (applies === null) reasons.push(`${nameKey(domain)} has no DMARC record${org !== null ? `, nor has ${orgDomain}` : ''}: BIMI needs DMARC at enforcement`);
  if (ownRecord !== null) {
    const why = notEnforced(ownRecord.record);
    if (why !== null) reasons.push(`the DMARC record of ${ownRecord.domain} ${why}`);
  }
  if (org !== null) {
    if (orgRecord === null && own.outcome !== 'failure' && org.outcome !== 'failure' && applies !== null) {
      reasons.push(`the organizational domain ${orgDomain} has no DMARC record of its own: BIMI asks for one at enforcement there too`);
    } else if (orgRecord !== null) {
      const why = notEnforced(orgRecord.record);
      if (why !== null) reasons.push(`the DMARC record of the organizational domain ${orgRecord.domain} ${why}`);
    }
  }
  return { met: reasons.length === 0, reasons, record: applies?.record.text ?? null, recordDomain: applies?.domain ?? null };
}

const EMPTY_DMARC: DmarcPrerequisite = { met: false, reasons: [], record: null, recordDomain: null };

/** Check BIMI for `domain`. */
export async function checkBimi(domain: string, resolver: Resolver, options: BimiOptions): Promise<BimiReport> {
  const selector = options.selector ?? 'default';
  const d = nameKey(domain);
  const orgDomain = pslOrganizationalDomain(d);
  let found = await bimiAt(selector, d, resolver);
  let recordDomain = d;
  if (found.failure === null && found.records.length === 0 && orgDomain !== null && orgDomain !== d) {
    found = await bimiAt(selector, orgDomain, resolver);
    recordDomain = orgDomain;
  }
  const base = { domain: d, selector, queryName: found.name, records: found.records.map((r) => r.text), fetched: false, fetchOff: null, logo: null, certificate: null };
  if (found.failure !== null) {
    return { ...base, status: 'dns-failure', recordDomain: null, record: null, dnsFailure: found.failure, dmarc: EMPTY_DMARC, result: 'temperror', providers: outlooks(null) };
  }
  if (found.records.length !== 1) {
    const status: BimiStatus = found.records.length === 0 ? 'none' : 'multiple';
    return { ...base, status, recordDomain: status === 'none' ? null : recordDomain, record: null, dnsFailure: null, dmarc: EMPTY_DMARC, result: status === 'none' ? 'none' : 'fail', providers: outlooks(null) };
  }
  const only = found.records[0] as { text: string; source: RecordSource | null };
  const record = { ...parseBimiRecord(only.text), source: only.source };
  const dmarc = await dmarcPrerequisite(d, orgDomain, resolver);
  if (record.declined) {
    return { ...base, status: 'declined', recordDomain, record, dnsFailure: null, dmarc, result: 'declined', providers: outlooks(null) };
  }
  let logo: BimiLogo | null = null;
  let certificate: BimiCertificate | null = null;
  if (record.location !== null) {
    logo = { url: record.location, check: null, fetchProblem: null, contentType: null };
    if (options.fetch !== null) {
      const got = await options.fetch(record.location);
      if (got.kind === 'ok') {
        const { checkSvgTinyPs } = await import('./svg-tiny-ps.js');
        logo.check = checkSvgTinyPs(got.body);
        logo.contentType = got.contentType;
      } else logo.fetchProblem = { step: got.step, detail: got.detail };
    }
  }
  if (record.evidence !== null) {
    certificate = { url: record.evidence, check: null, fetchProblem: null };
    if (options.fetch !== null) {
      const got = await options.fetch(record.evidence);
      if (got.kind === 'ok') {
        const { checkMarkCertificate } = await import('./mark-certificate.js');
        certificate.check = checkMarkCertificate({ pem: got.body, domains: [recordDomain, d], svg: logo?.check?.svg ?? null, roots: options.roots, now: options.now });
      } else certificate.fetchProblem = { step: got.step, detail: got.detail };
    }
  }
  const status: BimiStatus = record.problems.length > 0 ? 'invalid' : 'published';
  // whether fetches happened is said only where the record names something to fetch, so a report
  // without one reads the same whether the run fetches or not
  const toFetch = logo !== null || certificate !== null;
  const fetched = toFetch && options.fetch !== null;
  const fetchOff = toFetch && options.fetch === null ? (options.fetchOff ?? 'HTTPS fetches are off') : null;
  const report: BimiReport = { ...base, fetched, fetchOff, status, recordDomain, record, dnsFailure: null, dmarc, logo, certificate, result: null, providers: [] };
  report.result = resultOf(report);
  report.providers = outlooks(report);
  return report;
}

/** §7.7: pass when everything a verifying receiver checks holds; skipped without DMARC enforcement. */
function resultOf(r: BimiReport): BimiReport['result'] {
  if (r.status === 'invalid' || r.record?.location === null) return 'fail';
  if (!r.dmarc.met) return 'skipped';
  if (r.logo?.check === null || r.logo?.check === undefined) return r.logo?.fetchProblem != null ? 'fail' : null;
  if (!r.logo.check.valid) return 'fail';
  if (r.certificate !== null && (r.certificate.fetchProblem !== null || r.certificate.check?.valid === false)) return 'fail';
  return 'pass';
}

/** Whether each provider would show the logo, from what the report knows. */
function outlooks(r: BimiReport | null): BimiProviderOutlook[] {
  return BIMI_DISPLAY.map((display) => {
    const out = (shows: boolean | null, reason: string): BimiProviderOutlook => ({ provider: display.provider, shows, reason, display });
    if (!display.displays) return out(false, display.note);
    if (r === null || r.status !== 'published') return out(false, r === null ? 'no usable BIMI record' : `the BIMI record is ${r.status}`);
    if (!r.dmarc.met) return out(false, 'DMARC is not at enforcement');
    if (r.logo?.check == null) return out(null, 'the indicator was not fetched');
    if (!r.logo.check.valid) return out(false, 'the indicator is not valid SVG Tiny PS');
    const cert = r.certificate?.check ?? null;
    const certOk = cert !== null && cert.valid;
    switch (display.evidence) {
      case 'vmc-or-cmc':
        if (r.certificate === null) return out(false, 'it requires a VMC or CMC, and the record has no a=');
        if (cert === null) return out(null, 'the mark certificate was not fetched');
        return certOk ? out(true, `${cert.kind ?? 'mark'} certificate valid`) : out(false, 'the mark certificate is not valid');
      case 'vmc':
        if (r.certificate === null) return out(false, 'it requires a VMC, and the record has no a=');
        if (cert === null) return out(null, 'the mark certificate was not fetched');
        if (!certOk) return out(false, 'the mark certificate is not valid');
        return cert.kind === 'VMC' ? out(true, 'VMC valid') : out(false, `it requires a VMC, and this is a ${cert.kind ?? 'certificate of unknown kind'}`);
      case 'none':
        return out(true, `${display.note}`);
      case 'unpublished':
        return out(null, display.note);
    }
  });
}
