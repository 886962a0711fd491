// The BIMI report as Markdown: the same lines as the text report with DNS and HTTPS text in code
// spans, the providers as a table; then the findings.
import type { Finding } from '../findings/types.js';
import { markdownFindingsSection } from '../report/markdown.js';
import { codeSpan, escapeMarkdownText } from '../report/markdown-text.js';
import type { BimiReport } from './check-bimi.js';
import { bimiSummaryLines, providerLines } from './render-text.js';

export function renderBimiMarkdown(r: BimiReport, findings: readonly Finding[]): string {
  const out = [`## authaudit bimi ${codeSpan(r.domain)}`, ''];
  for (const l of bimiSummaryLines(r, (s) => codeSpan(s, true))) out.push(`- ${l}`);
  out.push('', '| Provider | Logo | Why |', '| --- | --- | --- |');
  for (const l of providerLines(r)) out.push(`| ${l.provider} | ${l.shows} | ${escapeMarkdownText(l.reason)} |`);
  out.push('', ...markdownFindingsSection('Findings', findings));
  return out.join('\n');
}
