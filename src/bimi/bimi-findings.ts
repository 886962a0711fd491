// Findings for a domain's BIMI, from its report. Not published: info; published but broken: error.
import { finding, type Evidence, type Finding } from '../findings/types.js';
import type { BimiReport } from './check-bimi.js';
import { BIMI_FINDINGS as F } from './findings.js';

const EXPIRY_WARNING_DAYS = 30;

export function bimiFindings(r: BimiReport, now: Date): Finding[] {
  const out: Finding[] = [];
  const ev = (extra: Partial<Evidence> = {}): Partial<Evidence> => ({
    domain: r.queryName,
    record: r.record?.text ?? null,
    file: r.record?.source?.file ?? null,
    line: r.record?.source?.line ?? null,
    ...extra,
  });
  switch (r.status) {
    case 'dns-failure':
      out.push(finding(F['bimi-dns-failure'], `the TXT lookup of ${r.queryName} failed (${r.dnsFailure ?? ''}): receivers record bimi=temperror and show no logo (BIMI §7.7)`, ev(), 'Make the authoritative servers answer TXT queries for the _bimi names reliably.'));
      return out;
    case 'none':
      out.push(finding(F['bimi-none'], `${r.domain} publishes no BIMI record at ${r.selector}._bimi (nor at its organizational domain): no logo is shown beside its mail (BIMI §7.2)`, ev(), `To show a logo, once DMARC is at enforcement, publish a TXT record at ${r.selector}._bimi.${r.domain}: v=BIMI1; l=https://…/logo.svg; a=https://…/vmc.pem`));
      return out;
    case 'multiple':
      out.push(finding(F['bimi-multiple-records'], `${r.queryName} publishes ${r.records.length} BIMI records: receivers then use none (BIMI §7.2 step 9)`, ev({ record: r.records.join('\n') }), `Keep exactly one v=BIMI1 record at ${r.queryName}.`));
      return out;
    case 'declined':
      out.push(finding(F['bimi-declined'], `${r.queryName} declines BIMI (l= and a= empty): no logo is shown for this selector (BIMI §4.3.1)`, ev(), null));
      return out;
    case 'invalid':
      for (const p of r.record?.problems ?? []) {
        out.push(finding(F['bimi-record-invalid'], `${p.message}; receivers record bimi=fail and show no logo`, ev({ position: p.position }), 'Fix the BIMI record: "v=BIMI1; l=<https URL of the SVG>; a=<https URL of the PEM>".'));
      }
      break;
    case 'published':
      break;
  }
  if (!r.dmarc.met) {
    for (const reason of r.dmarc.reasons) {
      out.push(finding(F['bimi-dmarc-not-enforced'], `${reason}: receivers show no BIMI logo unless DMARC is at enforcement (p=quarantine with pct=100, or p=reject, and sp not none; BIMI §2)`, ev({ domain: r.dmarc.recordDomain === null ? r.domain : `_dmarc.${r.dmarc.recordDomain}`, record: r.dmarc.record }), 'Move the DMARC policy to p=quarantine (pct=100) or p=reject once every sender passes DMARC (read the rua reports first).'));
    }
  }
  if (!r.fetched && (r.logo !== null || r.certificate !== null)) {
    out.push(finding(F['bimi-fetch-off'], `the indicator${r.certificate !== null ? ' and the mark certificate were' : ' was'} not fetched: ${r.fetchOff ?? 'HTTPS fetches are off'}`, ev(), null));
    return out;
  }
  const logo = r.logo;
  if (logo !== null) {
    if (logo.fetchProblem !== null) {
      const tooLarge = logo.fetchProblem.step === 'too-large';
      out.push(finding(tooLarge ? F['bimi-logo-invalid'] : F['bimi-logo-not-fetched'], `the indicator at ${logo.url} ${tooLarge ? 'is far too large' : 'could not be fetched'} (${logo.fetchProblem.detail}): receivers show no logo (BIMI §7.6)`, ev(), tooLarge ? 'Publish an SVG Tiny PS logo of at most 32 KB.' : `Serve the SVG at ${logo.url} over HTTPS with a certificate from a public CA, without redirects.`));
    }
    for (const p of logo.check?.problems ?? []) {
      const def = p.code === 'too-large' && logo.check?.svg !== null ? F['bimi-logo-too-large'] : F['bimi-logo-invalid'];
      out.push(finding(def, `${logo.url}${p.line === null ? '' : ` line ${p.line}`}: ${p.message}`, ev(), 'Export the logo as SVG Tiny PS (baseProfile="tiny-ps", version="1.2", a <title>, a square viewBox, no scripts, animation, external references or images), at most 32 KB.'));
    }
  }
  const cert = r.certificate;
  if (cert === null) {
    if (r.status === 'published') {
      out.push(finding(F['bimi-no-evidence'], `the BIMI record has no a= (mark certificate): Gmail asks for a VMC or CMC and Apple Mail for a VMC before showing the logo; Yahoo may show it without`, ev(), 'Get a Verified Mark Certificate (or a Common Mark Certificate) for the logo and publish its PEM at an https URL in a=.'));
    }
    return out;
  }
  if (cert.fetchProblem !== null) {
    out.push(finding(F['bimi-certificate-not-fetched'], `the mark certificate at ${cert.url} could not be fetched (${cert.fetchProblem.detail}): providers that require one show no logo`, ev(), `Serve the PEM chain at ${cert.url} over HTTPS, without redirects.`));
    return out;
  }
  const check = cert.check;
  if (check === null) return out;
  for (const p of check.problems) {
    out.push(finding(F['bimi-certificate-invalid'], `${cert.url}: ${p.message}`, ev(), null));
  }
  if (check.notAfter !== null && check.problems.every((p) => p.code !== 'expired')) {
    const days = Math.floor((Date.parse(check.notAfter) - now.getTime()) / 86_400_000);
    if (days < EXPIRY_WARNING_DAYS) {
      out.push(finding(F['bimi-certificate-expiring'], `the mark certificate expires on ${check.notAfter.slice(0, 10)}, in ${days} day${days === 1 ? '' : 's'}: renew it and publish the new PEM before then`, ev(), null));
    }
  }
  if (!check.chainChecked) {
    out.push(finding(F['bimi-certificate-chain-unchecked'], 'the mark certificate chain was not checked: the Mark Verifying Authorities\' roots are in no system store, so give them with --bimi-roots PEM', ev(), null));
  }
  if (check.kind === 'CMC') {
    out.push(finding(F['bimi-cmc-not-apple'], `the mark certificate is a Common Mark Certificate (${check.markType ?? ''}): Gmail shows the logo, Apple Mail asks for a VMC`, ev(), null));
  }
  return out;
}
