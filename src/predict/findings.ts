// The predictor's findings: one per predicted reply other than acceptance, so `--fail-on` gates on
// predicted rejections. Messages name the provider, the code and the rule's row (docs/providers.md).
import { defineFindings, finding, withEdits, type Finding, type FindingDefinition, type RecordEdit } from '../findings/types.js';
import { PROVIDER_NAMES, type DnsFix, type Prediction, type Reply } from './types.js';

export const PREDICT_FINDINGS = defineFindings({
  'predict-rejection': { severity: 'error', title: 'A mailbox provider is predicted to reject the mail', rule: 'docs/providers.md (Gmail, Outlook.com, Yahoo published rules)' },
  'predict-rejection-risk': { severity: 'warning', title: 'A mailbox provider may reject the mail (undocumented or unproven)', rule: 'docs/providers.md, open points' },
  'predict-deferral': { severity: 'warning', title: 'A mailbox provider is predicted to defer the mail (temporary failure)', rule: 'docs/providers.md' },
  'predict-spam-folder': { severity: 'warning', title: 'A mailbox provider is predicted to deliver to the spam folder', rule: 'docs/providers.md (DMARC quarantine)' },
});

export type PredictFindingId = keyof typeof PREDICT_FINDINGS;

function definitionOf(reply: Reply): FindingDefinition | null {
  switch (reply.verdict) {
    case 'accepted':
      return null;
    case 'rejection':
      return reply.certainty === 'certain' ? PREDICT_FINDINGS['predict-rejection'] : PREDICT_FINDINGS['predict-rejection-risk'];
    case 'temporary-failure':
      return PREDICT_FINDINGS['predict-deferral'];
    case 'spam-folder-risk':
      return PREDICT_FINDINGS['predict-spam-folder'];
  }
}

const replyCode = (r: Reply): string => [r.code, r.enhanced].filter((c) => c !== null).join(' ') || 'no published code';

/** Where the mail is sent from, saying when the address is only a sample or there is none. */
function sentFrom(p: Prediction): string {
  if (p.address === null) return 'sent from any address (none given)';
  const s = p.evidence.sample;
  return s === null ? `sent from ${p.address}` : `sent from ${p.address} (a sample of ${s.block}, which the SPF of ${p.evidence.spf.domain} authorizes)`;
}

/** One finding per predicted reply that is not an acceptance (the primary reply and the others). */
export function predictionFindings(p: Prediction): Finding[] {
  const out: Finding[] = [];
  for (const reply of [p as Reply, ...p.also]) {
    const def = definitionOf(reply);
    if (def === null) continue;
    const what = reply.verdict === 'rejection' ? (reply.certainty === 'certain' ? 'rejects' : 'may reject') : reply.verdict === 'temporary-failure' ? 'defers' : 'may file as spam';
    const message = `${PROVIDER_NAMES[p.provider]} ${what} mail from ${p.from} ${sentFrom(p)} (stream ${p.stream}) with ${replyCode(reply)}: ${reply.why} (${reply.row})`;
    const f = finding(def, message, { domain: p.evidence.from.domain, record: reply.fixRecords.find((f) => f.current !== null)?.current ?? null, path: [p.provider, p.stream, p.address ?? 'no address', reply.rule] }, reply.fix);
    out.push(withEdits(f, recordEdits(reply.fixGroups[0] ?? [])));
  }
  return out;
}

/**
 * The first alternative of a fix as record edits: the one the fix names first. A change at the
 * sending service (`configure`) is no DNS edit; a group holding one is left to the finding's text.
 */
function recordEdits(group: readonly DnsFix[]): RecordEdit[] {
  if (group.some((f) => f.action === 'configure' || f.name === null || f.type === null)) return [];
  return group.map((f) => ({
    action: f.action === 'change' ? 'replace' : (f.action as 'add' | 'remove'),
    name: f.name as string,
    type: f.type as string,
    value: f.action === 'remove' ? null : f.value,
    current: f.action === 'add' ? null : f.current,
  }));
}
