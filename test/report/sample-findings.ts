// Findings shaped like the checks produce them, for renderer tests.
import { defineFindings, finding, type Finding } from '../../src/findings/types.js';
import { buildRegistry } from '../../src/report/finding-registry.js';

export const SAMPLE_DEFS = defineFindings({
  'spf-too-many-lookups': { severity: 'error', title: 'SPF needs more than 10 DNS lookups', rule: 'RFC 7208 §4.6.4' },
  'spf-soft-fail-all': { severity: 'warning', title: 'SPF ends in ~all', rule: 'RFC 7208 §8.5' },
  'dmarc-policy-none': { severity: 'info', title: 'DMARC policy is p=none', rule: 'RFC 7489 §6.3' },
  'dkim-rsa-pkcs1': { severity: 'warning', title: 'RSA key published as a bare RSAPublicKey', rule: 'RFC 6376 Appendix C' },
});

export const sampleRegistry = buildRegistry([SAMPLE_DEFS]);

export const SPF_RECORD = 'v=spf1 include:_spf.google.com include:mailgun.org include:sendgrid.net ~all';

export function sampleFindings(): Finding[] {
  return [
    finding(
      SAMPLE_DEFS['spf-soft-fail-all'],
      'The record ends in ~all, so forged mail is only marked (RFC 7208 §8.5).',
      { domain: 'example.com', record: SPF_RECORD, position: SPF_RECORD.indexOf('~all'), file: 'zones/example.com.zone', line: 12 },
      'End the record with -all once every sender is listed.',
    ),
    finding(
      SAMPLE_DEFS['spf-too-many-lookups'],
      'Evaluating the record needs 12 DNS lookups; the limit is 10 (RFC 7208 §4.6.4).',
      { domain: 'example.com', record: SPF_RECORD, path: ['example.com', '_spf.google.com'], file: 'zones/example.com.zone', line: 12 },
      'Flatten or remove includes until the count is 10 or less.',
    ),
    finding(SAMPLE_DEFS['dmarc-policy-none'], 'p=none asks receivers to take no action (RFC 7489 §6.3).', { domain: '_dmarc.example.com', record: 'v=DMARC1; p=none' }, null),
  ];
}
