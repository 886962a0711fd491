// Every BIMI finding id, once. "BIMI §" cites draft-brand-indicators-for-message-identification-10.
import { defineFindings } from '../findings/types.js';

export const BIMI_FINDINGS = defineFindings({
  'bimi-none': { severity: 'info', title: 'No BIMI record (recommended for brands, not required)', rule: 'BIMI §7.2' },
  'bimi-declined': { severity: 'info', title: 'BIMI declined by an empty record', rule: 'BIMI §4.3.1' },
  'bimi-dns-failure': { severity: 'warning', title: 'BIMI record lookup failed', rule: 'BIMI §7.2, §7.7 (temperror)' },
  'bimi-multiple-records': { severity: 'error', title: 'Several BIMI records at one name', rule: 'BIMI §7.2 step 9' },
  'bimi-record-invalid': { severity: 'error', title: 'BIMI record receivers refuse', rule: 'BIMI §4.3' },
  'bimi-dmarc-not-enforced': { severity: 'error', title: 'DMARC not at enforcement, so no logo is shown', rule: 'BIMI §2 (p=quarantine with pct=100 or p=reject, sp not none)' },
  'bimi-logo-not-fetched': { severity: 'error', title: 'BIMI indicator could not be fetched', rule: 'BIMI §7.5, §7.6' },
  'bimi-logo-invalid': { severity: 'error', title: 'BIMI indicator is not SVG Tiny PS', rule: 'BIMI §4.3.2, §7.6; SVG Tiny PS' },
  'bimi-logo-too-large': { severity: 'warning', title: 'BIMI indicator over 32 KB', rule: 'BIMI §7.6 step 1' },
  'bimi-no-evidence': { severity: 'warning', title: 'No mark certificate (a=): Gmail and Apple Mail show no logo', rule: 'BIMI §4.3 a=, §7.4' },
  'bimi-certificate-not-fetched': { severity: 'error', title: 'Mark certificate could not be fetched', rule: 'BIMI §4.3 a=, §7.4' },
  'bimi-certificate-invalid': { severity: 'error', title: 'Mark certificate receivers refuse', rule: 'Mark Certificate Guidelines; RFC 3709; RFC 5280 §6' },
  'bimi-certificate-expiring': { severity: 'warning', title: 'Mark certificate expires within 30 days', rule: 'RFC 5280 §4.1.2.5' },
  'bimi-certificate-chain-unchecked': { severity: 'info', title: 'Mark certificate chain not checked (no --bimi-roots)', rule: 'RFC 5280 §6' },
  'bimi-cmc-not-apple': { severity: 'info', title: 'A Common Mark Certificate: Apple Mail shows no logo', rule: 'docs/providers.md (BIMI display)' },
  'bimi-fetch-off': { severity: 'info', title: 'BIMI indicator and certificate not fetched (offline run)', rule: 'BIMI §7.5' },
});
