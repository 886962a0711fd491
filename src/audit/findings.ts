// Findings from the delivery prediction, so that predicted rejections count in the verdict, in
// --fail-on and in a CI gate like any other problem: a documented rejection is an error, a
// rejection that is only a risk, a deferral or the spam folder is a warning.
import { defineFindings, finding, type Finding } from '../findings/types.js';
import { PROVIDER_NAMES, type Prediction } from '../predict/types.js';

export const AUDIT_FINDINGS = defineFindings({
  'delivery-rejected': { severity: 'error', title: 'A mailbox provider is predicted to reject the mail', rule: 'Mailbox provider sender requirements' },
  'delivery-at-risk': { severity: 'warning', title: 'A mailbox provider may defer, junk or reject the mail', rule: 'Mailbox provider sender requirements' },
});

const VERDICT_TEXT: Record<Prediction['verdict'], string> = {
  accepted: 'accept',
  'spam-folder-risk': 'put in the spam folder',
  'temporary-failure': 'defer',
  rejection: 'reject',
};

/** One finding per prediction that is not "accepted". */
export function predictionFindings(predictions: readonly Prediction[], domain: string): Finding[] {
  return predictions
    .filter((p) => p.verdict !== 'accepted')
    .map((p) => {
      const certain = p.verdict === 'rejection' && p.certainty === 'certain';
      const code = [p.code, p.enhanced].filter((c) => c !== null).join(' ');
      const reply = code !== '' ? ` with ${code}` : '';
      const maybe = certain ? 'is predicted to' : 'may';
      return finding(
        certain ? AUDIT_FINDINGS['delivery-rejected'] : AUDIT_FINDINGS['delivery-at-risk'],
        `${PROVIDER_NAMES[p.provider]} ${maybe} ${VERDICT_TEXT[p.verdict]} mail of profile "${p.stream}" sent from ${p.address}${reply}: ${p.why} (${p.row})`,
        // the path names the stream, provider and address, so each prediction is its own finding
        { domain, path: [`profile ${p.stream}`, PROVIDER_NAMES[p.provider], p.address] },
        p.fix,
      );
    });
}
