// The audit as a pull-request comment: a verdict table (one row per domain, SPF lookups, DMARC
// policy), then the findings as src/report/markdown.ts renders them. DNS text only in code spans.
import { spfStateText } from './summaries.js';
import type { Finding } from '../findings/types.js';
import { markdownFindingsSection } from '../report/markdown.js';
import { codeSpan } from '../report/markdown-text.js';
import { countBySeverity } from '../report/severity.js';
import { isUncovered, type AuditEntry } from './types.js';
import { VERDICT_LABEL, verdictOf } from './verdict.js';

export function renderAuditMarkdown(audits: readonly AuditEntry[], shown: readonly Finding[]): string {
  const out = ['## authaudit', '', '| Domain | Verdict | Errors | Warnings | Info | SPF lookups | DMARC policy |', '| --- | --- | ---: | ---: | ---: | ---: | --- |'];
  for (const a of audits) {
    const own = new Set(a.findings);
    const findings = shown.filter((f) => own.has(f));
    const c = countBySeverity(findings);
    const verdict = `**${VERDICT_LABEL[verdictOf(findings)]}**`;
    if (isUncovered(a)) {
      out.push(`| ${codeSpan(a.domain, true)} | ${verdict} | ${c.error} | ${c.warning} | ${c.info} | not audited | not audited |`);
      continue;
    }
    const lookups = a.spf.root.status === 'record' ? `${a.spf.lookups.total} / ${a.spf.lookups.limit}` : spfStateText(a.spf);
    const policy = a.dmarc.policy !== null ? codeSpan(`p=${a.dmarc.policy.published}`, true) : 'none';
    out.push(`| ${codeSpan(a.domain, true)} | ${verdict} | ${c.error} | ${c.warning} | ${c.info} | ${lookups} | ${policy} |`);
  }
  out.push('', ...markdownFindingsSection('Findings', shown, 'No findings.'));
  return out.join('\n');
}
