// Every DKIM finding id, once. Messages at the call sites cite the same rule.
import { defineFindings } from '../findings/types.js';

export const DKIM_FINDINGS = defineFindings({
  'dkim-no-key': { severity: 'error', title: 'No DKIM key record at the selector', rule: 'RFC 6376 §6.1.2' },
  'dkim-dns-failure': { severity: 'warning', title: 'DKIM key lookup failed temporarily', rule: 'RFC 6376 §6.1.2' },
  'dkim-multiple-records': { severity: 'error', title: 'Several key records at one selector', rule: 'RFC 6376 §6.1.2' },
  'dkim-record-invalid': { severity: 'error', title: 'Key record is not a valid tag list', rule: 'RFC 6376 §3.2' },
  'dkim-bad-version': { severity: 'error', title: 'v= is not DKIM1', rule: 'RFC 6376 §3.6.1' },
  'dkim-version-not-first': { severity: 'error', title: 'v= is not the first tag', rule: 'RFC 6376 §3.6.1' },
  'dkim-public-key-missing': { severity: 'error', title: 'No p= tag', rule: 'RFC 6376 §3.6.1' },
  'dkim-key-revoked': { severity: 'error', title: 'Key revoked (empty p=)', rule: 'RFC 6376 §3.6.1' },
  'dkim-key-undecodable': { severity: 'error', title: 'Public key cannot be decoded', rule: 'RFC 6376 §3.6.1, RFC 8463 §4.2' },
  'dkim-key-type-unknown': { severity: 'error', title: 'Unknown key type (k=)', rule: 'RFC 6376 §3.6.1' },
  'dkim-rsa-below-1024': { severity: 'error', title: 'RSA key shorter than 1024 bits', rule: 'RFC 8301 §3.2' },
  'dkim-rsa-1024': { severity: 'warning', title: 'RSA key of 1024 bits', rule: 'RFC 8301 §3.2' },
  'dkim-rsa-over-4096': { severity: 'warning', title: 'RSA key longer than 4096 bits', rule: 'RFC 8301 §3.2' },
  'dkim-rsa-pkcs1': { severity: 'warning', title: 'RSA key published as a bare RSAPublicKey', rule: 'RFC 6376 Appendix C' },
  'dkim-sha1-only': { severity: 'error', title: 'Key allows only SHA-1 (h=sha1)', rule: 'RFC 8301 §3.1' },
  'dkim-no-usable-hash': { severity: 'error', title: 'h= names no hash algorithm verifiers use', rule: 'RFC 6376 §3.6.1, RFC 8301 §3.1' },
  'dkim-not-for-email': { severity: 'error', title: 's= excludes email', rule: 'RFC 6376 §3.6.1' },
  'dkim-testing': { severity: 'warning', title: 'Key in testing mode (t=y)', rule: 'RFC 6376 §3.6.1' },
  'dkim-strict-subdomain': { severity: 'info', title: 'Key forbids subdomain identities (t=s)', rule: 'RFC 6376 §3.6.1' },
  'dkim-unknown-tag': { severity: 'info', title: 'Tag not defined by RFC 6376 (ignored by verifiers)', rule: 'RFC 6376 §3.2' },
  'dkim-ed25519-without-rsa': {
    severity: 'warning',
    title: 'Ed25519 keys without an RSA key beside them',
    rule: 'RFC 8463 §4; Gmail, Microsoft and Yahoo do not reliably verify Ed25519',
  },
  'dkim-none-found': { severity: 'warning', title: 'No DKIM key found at common selectors', rule: 'RFC 6376 §3.6.2.1' },
  'dkim-domainkey-nxdomain-with-keys': {
    severity: 'warning',
    title: '_domainkey answers NXDOMAIN although keys exist below it',
    rule: 'RFC 8020 §2',
  },
});

export type DkimFindingId = keyof typeof DKIM_FINDINGS;
