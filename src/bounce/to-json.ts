// The bounce report as JSON (docs: the CLI contract's `bounce`): every field present, null when unknown.
import type { BounceReport } from './types.js';

export function bounceReportJson(r: BounceReport): Record<string, unknown> {
  return {
    kind: r.kind,
    replies: r.replies.map((x) => ({
      code: x.code,
      enhanced: x.enhanced,
      provider: x.provider,
      cause: x.cause,
      permanent: x.permanent,
      text: x.text,
      meaning: { standard: x.meaning.standard, provider: x.meaning.provider },
      registryId: x.registryId,
      source: x.source === null ? null : { title: x.source.title, url: x.source.url, read: x.source.read },
      recipient: x.recipient,
      remoteMta: x.remoteMta,
      action: x.action,
    })),
    sender: {
      from: r.sender.from,
      mailFrom: r.sender.mailFrom,
      ip: r.sender.ip,
      dkim: r.sender.dkim,
    },
    checks: r.checks.map((c) => ({ cause: c.cause, check: c.check, confirmed: c.confirmed, reason: c.reason, fix: c.fix, findings: c.findings })),
    notes: r.notes,
  };
}
