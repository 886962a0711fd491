// The bounce command's findings: one per cause it checked against today's DNS.
import { defineFindings } from '../findings/types.js';

export const BOUNCE_FINDINGS = defineFindings({
  'bounce-cause-confirmed': { severity: 'error', title: "Today's DNS still shows the bounce's cause", rule: 'RFC 3463; provider replies in docs/providers.md#provider-registry' },
  'bounce-cause-refuted': { severity: 'info', title: "Today's DNS does not show the bounce's cause", rule: 'RFC 3463; provider replies in docs/providers.md#provider-registry' },
  'bounce-cause-unknown': { severity: 'info', title: "The bounce's cause cannot be checked in DNS", rule: 'RFC 3463; provider replies in docs/providers.md#provider-registry' },
});
