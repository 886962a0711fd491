// Every DMARC finding id, once. Messages at the call sites (collect-findings.ts) cite the same rule.
import { defineFindings } from '../findings/types.js';

export const DMARC_FINDINGS = defineFindings({
  'dmarc-no-record': { severity: 'error', title: 'No DMARC record applies to the domain', rule: 'RFC 7489 §6.6.3, RFC 9989 §4.10.1' },
  'dmarc-multiple-records': { severity: 'error', title: 'Several DMARC records at one name', rule: 'RFC 7489 §6.6.3, RFC 9989 §4.10' },
  'dmarc-dns-failure': { severity: 'error', title: 'DNS failure during DMARC discovery', rule: 'RFC 7489 §6.6.3, RFC 9989 §4.10' },
  'dmarc-record-ignored': { severity: 'error', title: 'Text meant as DMARC that receivers discard (v=DMARC1 missing, wrong or not first)', rule: 'RFC 7489 §6.3 "v", §6.6.3' },
  'dmarc-non-dmarc-txt': { severity: 'info', title: 'Other TXT records at _dmarc (ignored by receivers)', rule: 'RFC 7489 §6.6.3' },
  'dmarc-spf-at-dmarc': { severity: 'warning', title: 'An SPF record published at _dmarc', rule: 'RFC 7208 §3, RFC 7489 §6.1' },
  'dmarc-record-at-apex': { severity: 'warning', title: 'DMARC record at the domain itself instead of _dmarc', rule: 'RFC 7489 §6.1' },
  'dmarc-syntax-error': { severity: 'error', title: 'DMARC record is not a valid tag list', rule: 'RFC 7489 §6.4' },
  'dmarc-unknown-tag': { severity: 'warning', title: 'Unknown tag (ignored by receivers)', rule: 'RFC 7489 §6.3, RFC 9989 §4.7' },
  'dmarc-duplicate-tag': { severity: 'error', title: 'Tag appears more than once', rule: 'RFC 6376 §3.2, RFC 7489 §6.3' },
  'dmarc-invalid-value': { severity: 'error', title: 'Tag value is not valid', rule: 'RFC 7489 §6.3, RFC 9989 §4.7' },
  'dmarc-no-policy': { severity: 'error', title: 'No usable policy (p missing or invalid, no valid rua)', rule: 'RFC 7489 §6.6.3, RFC 9989 §4.10.1' },
  'dmarc-policy-fallback-none': { severity: 'warning', title: 'Policy read as p=none because p, sp or np is missing or invalid', rule: 'RFC 7489 §6.6.3, RFC 9989 §4.10.1' },
  'dmarc-policy-not-second': { severity: 'info', title: 'p is not the tag right after v', rule: 'RFC 7489 §6.4' },
  'dmarc-policy-none': { severity: 'warning', title: 'p=none: monitoring only, failing mail is delivered', rule: 'RFC 7489 §6.3 "p"' },
  'dmarc-pct-below-100': { severity: 'warning', title: 'pct below 100: part of failing mail gets a weaker policy', rule: 'RFC 7489 §6.6.4' },
  'dmarc-testing-mode': { severity: 'warning', title: 't=y: the policy is applied one level lower', rule: 'RFC 9989 §4.7' },
  'dmarc-subdomain-policy-weaker': { severity: 'warning', title: 'sp is weaker than p', rule: 'RFC 7489 §6.3 "sp"' },
  'dmarc-nonexistent-policy-weaker': { severity: 'warning', title: 'np is weaker than p', rule: 'RFC 9989 §4.7 "np"' },
  'dmarc-subdomain-tags-unused': { severity: 'info', title: 'sp/np on a record that is not the organizational domain’s have no effect', rule: 'RFC 7489 §6.3 "sp", RFC 9989 §4.10.1' },
  'dmarc-no-reporting': { severity: 'warning', title: 'No aggregate report address (rua)', rule: 'RFC 7489 §7.2' },
  'dmarc-report-uri-invalid': { severity: 'error', title: 'Report URI is not a valid mailto: URI', rule: 'RFC 7489 §6.2' },
  'dmarc-report-uri-not-mailto': { severity: 'warning', title: 'Report URI is not mailto: (reports go by e-mail only)', rule: 'RFC 7489 §7.2.1.1' },
  'dmarc-report-size-limit': { severity: 'info', title: 'Report URI carries a !size limit (ignored since RFC 9989)', rule: 'RFC 7489 §6.2, RFC 9989' },
  'dmarc-report-destination-unauthorized': { severity: 'warning', title: 'External report destination has not authorized the domain', rule: 'RFC 7489 §7.1' },
  'dmarc-report-authorization-failure': { severity: 'warning', title: 'DNS failure checking a report destination', rule: 'RFC 7489 §7.1' },
  'dmarc-removed-tag': { severity: 'info', title: 'Tag removed by RFC 9989 (pct, rf, ri)', rule: 'RFC 9989' },
  'dmarc-fo-without-ruf': { severity: 'info', title: 'fo without a valid ruf has no effect', rule: 'RFC 7489 §6.3 "fo"' },
  'dmarc-psd-declared': { severity: 'info', title: 'The domain declares itself a public suffix (psd=y)', rule: 'RFC 9989 §4.7 "psd"' },
  'dmarc-org-domain-disagree': { severity: 'warning', title: 'Public Suffix List and DNS tree walk give different organizational domains', rule: 'RFC 7489 §3.2, RFC 9989 §4.10.2' },
  'dmarc-discovery-disagree': { severity: 'warning', title: 'RFC 7489 and RFC 9989 receivers reach different policies', rule: 'RFC 7489 §6.6.3, RFC 9989 §4.10.1' },
});

export type DmarcFindingId = keyof typeof DMARC_FINDINGS;
