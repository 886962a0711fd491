// The bounce report as Markdown: the replies as a table, the sender, the checks; reply and DNS text in code spans.
import type { Finding } from '../findings/types.js';
import { markdownFindingsSection } from '../report/markdown.js';
import { codeSpan, escapeMarkdownText } from '../report/markdown-text.js';
import { codeText, meaningLines, permanenceText, providerName, verdictText } from './render-text.js';
import type { BounceReport, SenderFact } from './types.js';

const fact = (f: SenderFact | null): string => (f === null ? 'unknown' : `${codeSpan(f.value)} (${escapeMarkdownText(f.source)})`);

export function renderBounceMarkdown(report: BounceReport, findings: readonly Finding[]): string {
  const out = ['## authaudit bounce', ''];
  for (const n of report.notes) out.push(`> ${escapeMarkdownText(n)}`, '');
  out.push('| Reply | Provider | Cause | Kind | Text | Meaning |', '| --- | --- | --- | --- | --- | --- |');
  for (const r of report.replies) {
    out.push(`| ${codeSpan(codeText(r), true)} | ${escapeMarkdownText(providerName(r.provider))} | ${codeSpan(r.cause, true)} | ${permanenceText(r)} | ${codeSpan(r.text || '(none)', true)} | ${meaningLines(r).map((m) => escapeMarkdownText(m).replace(/\|/g, '\\|')).join('<br>')} |`);
  }
  const s = report.sender;
  out.push('', '### Sender', '', `- From: ${fact(s.from)}`, `- MAIL FROM: ${fact(s.mailFrom)}`, `- IP: ${fact(s.ip)}`);
  out.push(`- DKIM: ${s.dkim.length === 0 ? 'none known' : s.dkim.map((d) => codeSpan(`d=${d.domain} s=${d.selector}`)).join(', ')}`, '');
  out.push("### Checks against today's DNS", '');
  for (const c of report.checks) {
    out.push(`- ${codeSpan(c.cause)}: **${verdictText(c)}**: ${codeSpan(c.reason)}${c.fix !== null ? `. Fix: ${codeSpan(c.fix)}` : ''}`);
  }
  out.push('', ...markdownFindingsSection('Findings', findings));
  return out.join('\n');
}
