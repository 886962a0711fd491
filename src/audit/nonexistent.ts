// A named domain whose own name answers NXDOMAIN: nothing exists at or below it (RFC 8020 §2), so
// its audit would list the same absence once per check (no SPF, no DKIM, no MX). It gets one
// finding instead, saying so, and what receivers do with mail that claims it.
import { finding, type Finding } from '../findings/types.js';
import { AUDIT_FINDINGS } from './findings.js';
import type { DomainAudit } from './types.js';

/** The one finding for a domain that does not exist, or null when it exists (or the answer failed). */
export function nonexistentFinding(audit: DomainAudit): Finding | null {
  // the MX question at the name itself: an authoritative name error, not a failure
  if (audit.reports.mx.kind !== 'nxdomain') return null;
  const d = audit.domain;
  const np = audit.dmarc.nonexistentPolicy;
  const dmarc =
    np !== null && audit.dmarc.recordDomain !== null
      ? `; mail claiming to be from it meets the DMARC policy ${audit.dmarc.recordDomain} sets for names that do not exist: ${np.applied} (${np.tag}${np.tag === 'np' ? ', RFC 9989' : ''})`
      : '';
  return finding(
    AUDIT_FINDINGS['domain-nonexistent'],
    `${d} does not exist (NXDOMAIN), and so neither does any name below it (RFC 8020 §2): it has no SPF, DKIM or DMARC record of its own and no MX; receivers refuse mail whose MAIL FROM or From is in it (RFC 5321 §5.1; Yahoo: "unresolvable RFC.5321 from domain")${dmarc}. The other checks were not run.`,
    { domain: d },
    `Check the spelling of ${d}. To send mail from it, create it: publish its MX (or "MX 0 ." if it takes no mail), an SPF record, DKIM keys and a DMARC record, then audit it again.`,
  );
}
