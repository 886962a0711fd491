// The message report as Markdown: the Authentication-Results field in a code block, a table of the
// DKIM signatures, SPF, DMARC, ARC and the unsubscribe headers, the predicted replies, the findings.
import type { Finding } from '../findings/types.js';
import { markdownFindingsSection } from '../report/markdown.js';
import { codeBlock, codeSpan, escapeMarkdownText } from '../report/markdown-text.js';
import { PROVIDER_NAMES } from '../predict/types.js';
import { VERDICT_WORD } from '../predict/render-text.js';
import type { MessageReport } from './check-message.js';

const cell = (text: string): string => codeSpan(text, true);

export function renderMessageMarkdown(report: MessageReport, findings: readonly Finding[]): string {
  const out = [`## authaudit message ${codeSpan(report.file)}`, ''];
  out.push(...codeBlock(report.authenticationResults.split('\n')), '');
  out.push('| Check | Result | Details |', '| --- | --- | --- |');
  if (report.dkim.length === 0) out.push('| DKIM | none | no DKIM-Signature |');
  for (const d of report.dkim) {
    const s = d.signature;
    out.push(`| DKIM ${cell(`d=${s.domain ?? '?'} s=${s.selector ?? '?'}`)} | ${d.result} | ${cell(s.algorithmText ?? '?')}${d.reason === null ? '' : ` ${escapeMarkdownText(d.reason)}`} |`);
  }
  const spf = report.spf;
  out.push(`| SPF | ${spf.result ?? 'not evaluated'} | ${spf.domain === null ? '' : cell(spf.domain)}${spf.ip === null ? '' : ` from ${cell(spf.ip)} (${escapeMarkdownText(report.connection.ip?.source ?? '')})`} |`);
  const dm = report.dmarc;
  out.push(`| DMARC | ${dm.result ?? 'unknown'} | ${dm.domain === null ? '' : cell(dm.domain)}${dm.policy === null ? '' : `, policy ${dm.policy}`}; SPF ${dm.alignment.spf.aligned === true ? 'aligned' : 'not aligned'}, DKIM ${dm.alignment.dkim.aligned ? 'aligned' : 'not aligned'} |`);
  const arc = report.arc;
  out.push(`| ARC | ${arc.result} | ${arc.instances} set${arc.instances === 1 ? '' : 's'}${arc.reason === null ? '' : `; ${escapeMarkdownText(arc.reason)}`} |`);
  out.push(`| One-click unsubscribe | ${report.unsubscribe.oneClick ? 'yes' : 'no'} | signed: ${report.unsubscribe.signed ? 'yes' : 'no'} |`);
  out.push('');
  if (report.predictions.length > 0) {
    out.push('### Predicted replies', '', '| Provider | Verdict | Code | Rule |', '| --- | --- | --- | --- |');
    for (const p of report.predictions) out.push(`| ${PROVIDER_NAMES[p.provider]} | ${VERDICT_WORD[p.verdict]} | ${[p.code, p.enhanced].filter((x) => x !== null).join(' ')} | ${cell(p.rule)} |`);
    out.push('');
  }
  out.push(...markdownFindingsSection('Findings', findings));
  return out.join('\n');
}
