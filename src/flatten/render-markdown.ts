// The `flatten` Markdown report (e.g. for a pull-request comment): the zone-file lines to paste in a
// code block, the proof, what was kept and frozen with the providers' TTLs, then the findings.
import type { Finding } from '../findings/types.js';
import { codeBlock, codeSpan, markdownProse } from '../report/markdown-text.js';
import { markdownFindingsSection } from '../report/markdown.js';
import type { PublishedCheck } from './check-stale.js';
import type { FlattenResult } from './types.js';

function flattenSections(result: FlattenResult): string[] {
  const md = markdownProse;
  const out: string[] = [];
  if (result.source) out.push(`Source (${codeSpan(result.source.name)}): ${codeSpan(result.source.record)}`, '');
  if (result.status !== 'refused') {
    const chain = result.records.filter((r) => r.role === 'chain').length;
    out.push(
      `${1 + chain} record(s), ${result.ranges.ip4} ip4 and ${result.ranges.ip6} ip6 terms, ${result.lookups.flattened} DNS lookups (was ${result.lookups.original}; limit ${result.lookups.limit}).`,
      '',
    );
  }
  if (result.proof && result.status !== 'refused') {
    out.push(
      result.proof.equivalent
        ? `**Proven:** ${result.proof.addresses} addresses get the same check_host() result as the original (lookup limit lifted), none permerror.`
        : `**Proof failed:** ${result.proof.mismatches.length} of ${result.proof.addresses} addresses differ; these records must not be published.`,
      '',
    );
    if (result.proof.mismatches.length > 0) {
      out.push('| Address | Original | Flattened | Detail |', '| --- | --- | --- | --- |');
      for (const m of result.proof.mismatches.slice(0, 20)) {
        out.push(`| ${codeSpan(m.address, true)} | ${m.original} | ${m.flattened} | ${md(m.detail ?? '', true)} |`);
      }
      out.push('');
    }
  }
  for (const r of result.refusals) out.push(`**Refused:** ${md(r.message)}${r.term ? ` (${codeSpan(r.term)})` : ''}`, '');
  if (result.status === 'flattened') {
    out.push('### Zone-file lines', '');
    const lines = result.records.flatMap((r) => (r.role === 'source' ? ["; the source policy, kept for 'authaudit flatten --check' (receivers never read it):", r.zoneLine] : [r.zoneLine]));
    out.push(...codeBlock(lines, 'zone'), '');
  }
  if (result.status !== 'refused' && result.kept.length > 0) {
    out.push('### Kept terms', '', '| Term | Why | From | Lookups |', '| --- | --- | --- | ---: |');
    for (const k of result.kept) out.push(`| ${codeSpan(k.text, true)} | ${k.reason} | ${codeSpan(k.domain, true)} | ${k.lookups} |`);
    out.push('');
  }
  if (result.status !== 'refused' && result.frozen.length > 0) {
    out.push('### Frozen addresses', '', 'Copied into the records: when these change, the records must be flattened again.', '');
    out.push('| Name | Via | TTL (s) | Ranges |', '| --- | --- | ---: | ---: |');
    for (const f of result.frozen) out.push(`| ${codeSpan(f.name, true)} | ${f.via} | ${f.ttl ?? 'unknown'} | ${f.ranges} |`);
    out.push('');
  }
  return out;
}

export function renderFlattenMarkdown(result: FlattenResult, findings: readonly Finding[]): string {
  const head = [`## authaudit flatten ${codeSpan(result.domain)}: ${result.status}`, ''];
  return [...head, ...flattenSections(result), ...markdownFindingsSection('Findings', findings)].join('\n');
}

export function renderCheckMarkdown(check: PublishedCheck, findings: readonly Finding[]): string {
  const state = check.problems.length > 0 ? 'cannot check' : check.stale ? 'STALE' : 'up to date';
  const out = [`## authaudit flatten --check ${codeSpan(check.domain)}: ${state}`, ''];
  for (const p of check.problems) out.push(`- ${markdownProse(p)}`);
  if (check.problems.length > 0) out.push('');
  if (check.differences.length > 0) {
    out.push('| Result | Now (not published) | Published (no longer) |', '| --- | --- | --- |');
    for (const d of check.differences) {
      out.push(`| ${d.result} | ${d.added.map((c) => codeSpan(c, true)).join(' ') || '—'} | ${d.removed.map((c) => codeSpan(c, true)).join(' ') || '—'} |`);
    }
    out.push('');
  }
  out.push('### Flattening today', '', ...flattenSections(check.fresh), ...markdownFindingsSection('Findings', findings));
  return out.join('\n');
}
