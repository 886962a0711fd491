// Every MX finding id, once.
import { defineFindings } from '../findings/types.js';

export const MX_FINDINGS = defineFindings({
  'mx-dns-failure': { severity: 'warning', title: 'MX lookup failed temporarily', rule: 'RFC 5321 §5.1' },
  'mx-domain-nxdomain': { severity: 'error', title: 'Domain does not exist', rule: 'RFC 5321 §5.1; Yahoo "unresolvable RFC.5321 from domain"' },
  'mx-null': { severity: 'info', title: 'Null MX: the domain accepts no mail', rule: 'RFC 7505 §3, §4.2' },
  'mx-null-mixed': { severity: 'error', title: 'Null MX published beside other MX records', rule: 'RFC 7505 §3' },
  'mx-null-preference': { severity: 'warning', title: 'Null MX with a preference other than 0', rule: 'RFC 7505 §3' },
  'mx-implicit': { severity: 'info', title: 'No MX: mail goes to the A/AAAA of the domain (implicit MX)', rule: 'RFC 5321 §5.1' },
  'mx-none': { severity: 'warning', title: 'No MX and no address: the domain cannot receive mail', rule: 'RFC 5321 §5.1, RFC 7505' },
  'mx-host-unresolvable': { severity: 'error', title: 'MX host has no address', rule: 'RFC 5321 §5.1' },
  'mx-host-temperror': { severity: 'warning', title: 'MX host address lookup failed temporarily', rule: 'RFC 5321 §5.1' },
  'mx-cname': { severity: 'warning', title: 'MX points at a CNAME', rule: 'RFC 5321 §5.1, RFC 2181 §10.3' },
  'mx-ip-literal': { severity: 'error', title: 'MX exchange is an IP address, not a host name', rule: 'RFC 1035 §3.3.9, RFC 5321 §5.1' },
  'mx-host-non-public-address': { severity: 'warning', title: 'MX host resolves to a private or loopback address', rule: 'RFC 6890 (special-purpose addresses)' },
});
