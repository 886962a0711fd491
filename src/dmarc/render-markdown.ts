// The `dmarc` command as Markdown: what the text report shows (the record, discovery both ways,
// the organizational domain, the effective policies, report authorization, where RFC 7489 and
// RFC 9989 disagree), with the same pieces as render-text.ts and DNS text in code spans; then the
// findings.
import type { Finding } from '../findings/types.js';
import { markdownFindingsSection } from '../report/markdown.js';
import { codeSpan, markdownProse } from '../report/markdown-text.js';
import { markdownCellStyle as cell, markdownStyle } from '../report/style.js';
import type { DmarcDiscovery } from './discover.js';
import { describeStatus, describeStep, policyCell, policyRows } from './render-text.js';

export function renderDmarcMarkdown(d: DmarcDiscovery, findings: readonly Finding[]): string {
  const out = [`## authaudit dmarc ${codeSpan(d.domain)}`, ''];
  const rec = d.record ?? d.rfc7489.found;
  if (rec !== null) {
    const where = rec.source === null ? '' : ` (${codeSpan(`${rec.source.file}:${rec.source.line}`)})`;
    out.push(`Record at ${codeSpan(`_dmarc.${rec.domain}`)}${where}: ${codeSpan(rec.record.text)}`, '');
  } else {
    out.push('No DMARC record.', '');
  }
  out.push('### Discovery', '', '| Method | Policy from |', '| --- | --- |');
  out.push(`| RFC 9989 (tree walk) | ${describeStatus(d.rfc9989, cell)} |`, `| RFC 7489 (public suffix list) | ${describeStatus(d.rfc7489, cell)} |`, '');
  out.push(`Tree walk: ${d.treeWalk.steps.map((step) => describeStep(step, markdownStyle)).join(' → ')}`, '');
  out.push('### Organizational domain', '', '| Method | Organizational domain |', '| --- | --- |');
  out.push(`| Public Suffix List (RFC 7489 §3.2) | ${d.orgDomainPsl === null ? '(none: a public suffix)' : codeSpan(d.orgDomainPsl, true)} |`);
  out.push(`| DNS tree walk (RFC 9989 §4.10.2) | ${codeSpan(d.orgDomainTreeWalk, true)} (${d.treeWalk.orgDomainRule}${d.treeWalk.complete ? '' : ', incomplete'}) |`, '');
  if (!d.orgDomainsAgree) out.push('The two differ.', '');
  out.push('### Effective policy for failing mail', '', '| Mail from | RFC 9989 receivers | RFC 7489 receivers |', '| --- | --- | --- |');
  policyRows(d).forEach(([label, a, b], i) => {
    const from = i === 0 ? `${codeSpan(d.domain, true)} itself` : label;
    out.push(`| ${from} | ${policyCell(a)} | ${policyCell(b)} |`);
  });
  out.push('');
  if (d.existence.exists === false) out.push(`${codeSpan(d.domain)} does not exist (no A, AAAA or MX).`, '');
  if (d.reportAuthorization.length > 0) {
    out.push('### Report destinations', '', '| Tag | Destination | Status | Authorization asked at |', '| --- | --- | --- | --- |');
    for (const a of d.reportAuthorization) out.push(`| ${a.tag} | ${codeSpan(a.uri.text, true)} | ${a.status} | ${a.query === null ? '—' : codeSpan(a.query, true)} |`);
    out.push('');
  }
  if (d.differences.length > 0) {
    out.push('### RFC 7489 and RFC 9989 disagree', '', ...d.differences.map((diff) => `- ${markdownProse(diff)}`), '');
  }
  out.push(...markdownFindingsSection('Findings', findings));
  return out.join('\n');
}
