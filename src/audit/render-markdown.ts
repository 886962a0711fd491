// The audit as a pull-request comment: a verdict table (one row per domain, SPF lookups, DMARC
// policy), then per domain what the text report shows — the check summaries, the predicted
// replies, the findings with their fixes, and the SPF tree (collapsed) — from the same pieces as
// render-text.ts, with DNS text in code spans (src/report/markdown-text.ts).
import { spfStateText } from './summaries.js';
import type { Finding } from '../findings/types.js';
import { markdownFindingGroups } from '../report/markdown.js';
import { codeSpan, detailsBlock, escapeMarkdownText } from '../report/markdown-text.js';
import { countBySeverity } from '../findings/severity.js';
import { PROVIDER_NAMES, type Prediction } from '../predict/types.js';
import { spfTreeMarkdown } from '../spf/render-markdown.js';
import { isUnaudited, UNAUDITED_REASON, type AuditEntry, type DomainAudit } from './types.js';
import { dkimLine, dmarcLine, mxLine, ownHostsOmittedText, ptrLine, type AuditTextOptions } from './render-text.js';
import { mtaStsSummary, smtpSummary, tlsRptSummary } from '../transport/render-text.js';
import { bimiSummary } from '../bimi/render-text.js';
import { selectorSourcesText } from '../dkim/audit-dkim.js';
import { whatToChange } from '../changes/what-to-change.js';
import { renderChangesMarkdown } from '../changes/render-markdown.js';
import { VERDICT_LABEL, verdictOf } from './verdict.js';

const dns = (text: string): string => codeSpan(text);

function replyCell(pr: Prediction): string {
  const code = [pr.code, pr.enhanced].filter((c) => c !== null).join(' ');
  const certainty = pr.certainty === 'risk' && pr.verdict !== 'accepted' ? ' (risk)' : '';
  return `${pr.verdict}${certainty}${code !== '' ? ` ${code}` : ''}`;
}

function domainSection(audit: DomainAudit, findings: readonly Finding[], options: AuditTextOptions): string[] {
  const out = [`### ${codeSpan(audit.domain)}: ${VERDICT_LABEL[verdictOf(findings)]}`, ''];
  out.push(...renderChangesMarkdown(whatToChange(audit.domain, findings, audit.spf.record)));
  out.push(`- SPF: ${escapeMarkdownText(spfStateText(audit.spf))}`, `- DMARC: ${dmarcLine(audit.dmarc, dns)}`, `- DKIM: ${dkimLine(audit.dkim, selectorSourcesText(audit.reports.dkim), dns)}`, `- MX: ${mxLine(audit.mx, dns)}`);
  // the summaries quote DNS and HTTPS text (ids, report URIs): literal, in code spans
  out.push(`- MTA-STS: ${codeSpan(mtaStsSummary(audit.transport.mtaSts))}`, `- TLS-RPT: ${codeSpan(tlsRptSummary(audit.transport.tlsRpt))}`, `- SMTP: ${codeSpan(smtpSummary(audit.transport.smtp))}`, `- BIMI: ${codeSpan(bimiSummary(audit.bimi))}`);
  for (const r of audit.ptr) out.push(`- PTR: ${ptrLine(r, dns)}`);
  if (audit.ownHostsOmitted > 0) out.push(`- PTR: ${escapeMarkdownText(ownHostsOmittedText(audit))}`);
  out.push('');
  if (audit.predictions !== null && audit.predictions.length > 0) {
    out.push('| Provider | Address | Predicted reply | Profile |', '| --- | --- | --- | --- |');
    for (const pr of audit.predictions) out.push(`| ${PROVIDER_NAMES[pr.provider]} | ${pr.address === null ? 'no address' : `${codeSpan(pr.address, true)}${pr.evidence.sample !== null ? ' (sample)' : ''}`} | ${replyCell(pr)} | ${codeSpan(pr.stream, true)} |`);
    out.push('');
  }
  out.push(...(findings.length === 0 ? ['No findings.', ''] : markdownFindingGroups(findings, 4)));
  out.push(...detailsBlock(`SPF tree of ${audit.domain}`, spfTreeMarkdown(audit.spf, { full: options.fullTree === true }, 4)));
  return out;
}

export function renderAuditMarkdown(audits: readonly AuditEntry[], shown: readonly Finding[], options: AuditTextOptions = {}): string {
  const out = ['## authaudit', '', '| Domain | Verdict | Errors | Warnings | Info | SPF lookups | DMARC policy |', '| --- | --- | ---: | ---: | ---: | ---: | --- |'];
  const sections: string[] = [];
  for (const a of audits) {
    const own = new Set(a.findings);
    const findings = shown.filter((f) => own.has(f));
    const c = countBySeverity(findings);
    const verdict = `**${VERDICT_LABEL[verdictOf(findings)]}**`;
    if (isUnaudited(a)) {
      out.push(`| ${codeSpan(a.domain, true)} | ${verdict} | ${c.error} | ${c.warning} | ${c.info} | not audited | not audited |`);
      sections.push(`### ${codeSpan(a.domain)}: ${VERDICT_LABEL[verdictOf(findings)]}`, '', `Not audited: ${UNAUDITED_REASON[a.kind]}.`, '', ...markdownFindingGroups(findings, 4));
      continue;
    }
    const lookups = a.spf.root.status === 'record' ? `${a.spf.lookups.total} / ${a.spf.lookups.limit}` : spfStateText(a.spf);
    const policy = a.dmarc.policy !== null ? codeSpan(`p=${a.dmarc.policy.published}`, true) : 'none';
    out.push(`| ${codeSpan(a.domain, true)} | ${verdict} | ${c.error} | ${c.warning} | ${c.info} | ${lookups} | ${policy} |`);
    sections.push(...domainSection(a, findings, options));
  }
  out.push('', ...sections);
  return out.join('\n');
}
