// Every DNSSEC finding id, once.
import { defineFindings } from '../findings/types.js';

export const DNSSEC_FINDINGS = defineFindings({
  'dnssec-bogus': { severity: 'error', title: 'A record the audit relies on fails DNSSEC validation', rule: 'RFC 4035 §5.5, RFC 4033 §5' },
  'dnssec-insecure': { severity: 'info', title: 'The domain\'s records are not signed (no chain of trust)', rule: 'RFC 4033 §5, RFC 4035 §5.2' },
  'dnssec-indeterminate': { severity: 'warning', title: 'DNSSEC validation could not decide', rule: 'RFC 4033 §5, RFC 4035 §4.3' },
  'dnssec-nsec3-parameters': { severity: 'warning', title: 'The zone\'s NSEC3 records use extra iterations or a salt', rule: 'RFC 9276 §3.1, §3.2' },
  'dnssec-unsupported-algorithm': { severity: 'warning', title: 'The zone is signed with an algorithm validators need not support', rule: 'RFC 8624 §3.1, RFC 4035 §5.2' },
});
