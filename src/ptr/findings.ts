// Every reverse-DNS finding id, once.
import { defineFindings } from '../findings/types.js';

export const PTR_FINDINGS = defineFindings({
  'ptr-none': { severity: 'error', title: 'Sending address has no PTR record', rule: 'RFC 8601 §3 (iprev); Gmail 5.7.25, Outlook.com 5.7.25 for IPv6' },
  'ptr-not-confirmed': { severity: 'error', title: 'PTR names do not resolve back to the address', rule: 'RFC 8601 §3 (iprev); Gmail 5.7.25' },
  'ptr-temperror': { severity: 'warning', title: 'Reverse DNS failed temporarily', rule: 'RFC 8601 §3 (iprev); Gmail 4.7.23' },
  'ptr-too-many-names': { severity: 'warning', title: 'More than 10 PTR names', rule: 'RFC 7208 §5.5 (the limit of 10 names receivers apply)' },
  'ptr-multiple-names': { severity: 'info', title: 'Several PTR names for one address', rule: 'RFC 1912 §2.1' },
  'ptr-generic-name': { severity: 'info', title: 'PTR name looks generic (holds the address)', rule: 'Yahoo sender requirements (non-generic reverse DNS)' },
  // the domain's own hosts (src/ptr/host-findings.ts): the same FCrDNS rule, judged for the host's role
  'spf-host-without-fcrdns': { severity: 'warning', title: 'Host named by the domain\'s SPF has no forward-confirmed reverse DNS', rule: 'RFC 8601 §3 (iprev) for hosts of RFC 7208 §5.3/§5.4 a and mx terms; Gmail 5.7.25' },
  'mx-host-without-fcrdns': { severity: 'info', title: 'MX host has no forward-confirmed reverse DNS', rule: 'RFC 8601 §3 (iprev); matters only if the host also sends' },
});
