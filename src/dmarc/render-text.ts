// The `dmarc` command's text report: the record, discovery both ways, effective policies, report
// authorization, then the findings. Every piece of DNS text goes through escapeForTerminal. The
// pieces take a Style (src/report/style.ts), so render-markdown.ts shows the same with code spans.
import type { Finding } from '../findings/types.js';
import { escapeForTerminal as esc } from '../report/escape.js';
import { paint } from '../report/color.js';
import { textStyle, type Style } from '../report/style.js';
import { renderFindingsText } from '../report/text.js';
import type { DmarcDiscovery, MethodDiscovery } from './discover.js';
import type { PolicyOutcome } from './effective-policy.js';
import type { DmarcLookup } from './lookup-dmarc.js';

/** Where a discovery method found the policy (DNS names through `s`). */
export function describeStatus(m: MethodDiscovery, s: Style): string {
  switch (m.status) {
    case 'found':
      return `${s.dns(`_dmarc.${m.policyDomain ?? '?'}`)}${m.inherited ? ' (inherited)' : ''}`;
    case 'no-policy':
      return `${s.dns(`_dmarc.${m.policyDomain ?? '?'}`)}, but it has no usable policy`;
    case 'none':
      return 'no record';
    case 'multiple':
      return 'several records: no policy';
    case 'dns-failure':
      return `DNS failure at ${s.dns(m.failure?.name ?? '?')}`;
  }
}

/** One question of the tree walk and what it found. */
export function describeStep(l: DmarcLookup, s: Style): string {
  const what = l.outcome === 'record' ? `record${l.records[0]?.record.psd ? ` psd=${s.dns(l.records[0].record.psd.value)}` : ''}` : l.outcome === 'failure' ? `failure (${l.failure?.kind ?? '?'})` : l.outcome;
  return `${s.dns(l.query)}: ${what}`;
}

/** The three rows of the effective-policy table: what the domain, its subdomains and non-existent subdomains get. */
export function policyRows(d: DmarcDiscovery): [string, PolicyOutcome | null, PolicyOutcome | null][] {
  return [
    [`${d.domain} itself`, d.rfc9989.policyFor.domain, d.rfc7489.policyFor.domain],
    ['existing subdomains', d.rfc9989.policyFor.subdomain, d.rfc7489.policyFor.subdomain],
    ['non-existent subdomains', d.rfc9989.policyFor.nonexistent, d.rfc7489.policyFor.nonexistent],
  ];
}

export function policyCell(p: PolicyOutcome | null): string {
  if (p === null) return 'no policy';
  const tag = p.tag === 'fallback' ? 'p=none assumed' : p.tag;
  let text = `${p.applied} (${tag})`;
  if (p.testing) text = `${p.applied} (${tag}=${p.published}, t=y)`;
  if (p.remainder !== null) text += ` ${p.pct}%, rest ${p.remainder}`;
  return text;
}

export function renderDmarcText(d: DmarcDiscovery, findings: readonly Finding[], color: boolean): string {
  const p = paint(color);
  const lines: string[] = [p.bold(`DMARC for ${esc(d.domain)}`)];
  const rec = d.record ?? d.rfc7489.found;
  if (rec !== null) {
    const where = rec.source === null ? '' : p.dim(`  (${esc(rec.source.file)}:${rec.source.line})`);
    lines.push(`  record    _dmarc.${esc(rec.domain)}${where}`, `            ${esc(rec.record.text)}`);
  } else {
    lines.push('  record    none');
  }
  lines.push('', p.bold('Discovery'));
  const s = textStyle(p);
  lines.push(`  RFC 9989 (tree walk)          ${describeStatus(d.rfc9989, s)}`);
  lines.push(`  RFC 7489 (public suffix list) ${describeStatus(d.rfc7489, s)}`);
  lines.push(`  tree walk  ${d.treeWalk.steps.map((step) => describeStep(step, s)).join(' > ')}`);
  lines.push('', p.bold('Organizational domain'));
  lines.push(`  Public Suffix List (RFC 7489 §3.2)   ${esc(d.orgDomainPsl ?? '(none: a public suffix)')}`);
  lines.push(`  DNS tree walk (RFC 9989 §4.10.2)     ${esc(d.orgDomainTreeWalk)}  ${p.dim(`[${d.treeWalk.orgDomainRule}${d.treeWalk.complete ? '' : ', incomplete'}]`)}`);
  if (!d.orgDomainsAgree) lines.push(`  ${p.yellow('the two differ')}`);
  lines.push('', p.bold('Effective policy for failing mail'));
  const rows = policyRows(d);
  const w = Math.max(24, ...rows.map((r) => r[0].length));
  lines.push(`  ${''.padEnd(w)}  ${'RFC 9989 receivers'.padEnd(30)}  RFC 7489 receivers`);
  for (const [label, a, b] of rows) lines.push(`  ${esc(label).padEnd(w)}  ${policyCell(a).padEnd(30)}  ${policyCell(b)}`);
  if (d.existence.exists === false) lines.push(p.dim(`  ${esc(d.domain)} does not exist (no A, AAAA or MX)`));
  if (d.reportAuthorization.length > 0) {
    lines.push('', p.bold('Report destinations'));
    for (const a of d.reportAuthorization) {
      const via = a.query === null ? '' : p.dim(`  ${esc(a.query)}`);
      lines.push(`  ${a.tag}  ${esc(a.uri.text)}  ${a.status}${via}`);
    }
  }
  if (d.differences.length > 0) {
    lines.push('', p.bold('RFC 7489 and RFC 9989 disagree'));
    for (const diff of d.differences) lines.push(`  ${esc(diff)}`);
  }
  lines.push('', renderFindingsText(findings, { color }));
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}
