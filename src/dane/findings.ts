// Every DANE finding id, once.
import { defineFindings } from '../findings/types.js';

export const DANE_FINDINGS = defineFindings({
  'dane-tlsa-pkix-usage': { severity: 'warning', title: 'TLSA usage 0 or 1 (PKIX) is not for SMTP', rule: 'RFC 7672 §3.1.3' },
  'dane-tlsa-unusable': { severity: 'error', title: 'TLSA record that no client can use', rule: 'RFC 6698 §2.1, RFC 7672 §3.1' },
  'dane-tlsa-not-secure': { severity: 'warning', title: 'TLSA records in a zone that is not signed: clients ignore them', rule: 'RFC 7672 §2.2' },
  'dane-tlsa-bogus': { severity: 'error', title: 'TLSA records fail DNSSEC validation: DANE clients defer mail to this host', rule: 'RFC 7672 §2.2.1' },
  'dane-no-match': { severity: 'error', title: 'The MX host\'s certificate matches none of its TLSA records: DANE senders defer mail to it', rule: 'RFC 7672 §2.2, §3.1' },
  'dane-no-usable-tlsa': { severity: 'error', title: 'Every TLSA record of the MX host is unusable: DANE clients defer mail to it', rule: 'RFC 7672 §2.2' },
});
