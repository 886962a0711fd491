// Findings of the audit as a whole (registry: src/report/finding-registry.ts lists this table).
import { defineFindings } from '../findings/types.js';

export const AUDIT_FINDINGS = defineFindings({
  // RFC 8020 §2: NXDOMAIN at a name means nothing exists at or below it, so the domain has no SPF,
  // DKIM key, MX or DMARC record of its own; RFC 5321 §5.1 / receivers: mail claiming it bounces.
  'domain-nonexistent': { severity: 'error', title: 'Domain does not exist', rule: 'RFC 8020 §2, RFC 5321 §5.1' },
});
