// The `flatten` text report: the zone-file lines to paste, what was kept and frozen, and the proof.
import type { Finding } from '../findings/types.js';
import { escapeForTerminal } from '../report/escape.js';
import type { PublishedCheck } from './check-stale.js';
import type { FlattenResult } from './types.js';

const MAX_SHOWN = 20;

function findingLines(findings: readonly Finding[]): string[] {
  return findings.map((f) => `  ${f.severity}: ${escapeForTerminal(f.message)} [${f.id}]${f.fix ? `\n    fix: ${escapeForTerminal(f.fix)}` : ''}`);
}

export function renderFlattenText(result: FlattenResult, findings: readonly Finding[]): string {
  const e = escapeForTerminal;
  const lines = [`SPF flattening for ${e(result.domain)}: ${result.status}`];
  if (result.source) lines.push(`  source (${e(result.source.name)}): ${e(result.source.record)}`);
  if (result.status !== 'refused') {
    const chain = result.records.filter((r) => r.role === 'chain').length;
    lines.push(
      `  ${1 + chain} record(s), ${result.ranges.ip4} ip4 and ${result.ranges.ip6} ip6 terms, ${result.lookups.flattened} DNS lookups (was ${result.lookups.original}; limit ${result.lookups.limit})`,
    );
  }
  // a refusal after the proof (the original gives permerror) is told by its finding
  if (result.proof && result.status !== 'refused') {
    lines.push(
      result.proof.equivalent
        ? `  proven: ${result.proof.addresses} addresses get the same check_host() result as the original (lookup limit lifted), none permerror`
        : `  PROOF FAILED: ${result.proof.mismatches.length} of ${result.proof.addresses} addresses differ; these records must not be published`,
    );
    for (const m of result.proof.mismatches.slice(0, MAX_SHOWN)) {
      lines.push(`    ${m.address}: original ${m.original}${m.originalTerm ? ` (${e(m.originalTerm)})` : ''}, flattened ${m.flattened}${m.flattenedTerm ? ` (${e(m.flattenedTerm)})` : ''}${m.detail ? `: ${e(m.detail)}` : ''}`);
    }
  }
  if (result.status === 'flattened') {
    lines.push('', 'Zone-file lines:');
    for (const r of result.records) {
      if (r.role === 'source') lines.push(`; the source policy, kept for 'authaudit flatten --check' (receivers never read it):`);
      lines.push(e(r.zoneLine));
    }
  }
  if (result.status !== 'refused' && result.kept.length > 0) {
    lines.push('', 'Kept terms:');
    for (const k of result.kept) lines.push(`  ${e(k.text)}  (${k.reason}, from ${e(k.domain)}, ${k.lookups} lookup(s))`);
  }
  if (result.status !== 'refused' && result.frozen.length > 0) {
    lines.push('', 'Frozen addresses (copied into the records; they change when these do):');
    for (const f of result.frozen) lines.push(`  ${e(f.name)}  ${f.via}, TTL ${f.ttl ?? 'unknown'}, ${f.ranges} range(s)`);
  }
  if (findings.length > 0) lines.push('', 'Findings:', ...findingLines(findings));
  return `${lines.join('\n')}\n`;
}

export function renderCheckText(check: PublishedCheck, findings: readonly Finding[]): string {
  const e = escapeForTerminal;
  const lines = [`Published flattening of ${e(check.domain)}: ${check.problems.length > 0 ? 'cannot check' : check.stale ? 'STALE' : 'up to date'}`];
  for (const p of check.published) lines.push(`  published ${e(p.name)}: ${e(p.text)}`);
  for (const d of check.differences) {
    lines.push(`  ${d.result}:`);
    for (const c of d.added.slice(0, MAX_SHOWN)) lines.push(`    + ${c}`);
    if (d.added.length > MAX_SHOWN) lines.push(`    + … ${d.added.length - MAX_SHOWN} more`);
    for (const c of d.removed.slice(0, MAX_SHOWN)) lines.push(`    - ${c}`);
    if (d.removed.length > MAX_SHOWN) lines.push(`    - … ${d.removed.length - MAX_SHOWN} more`);
  }
  const own = new Set(['flatten-stale', 'flatten-check-impossible']);
  const body = renderFlattenText(check.fresh, findings.filter((f) => !own.has(f.id)));
  const checkFindings = findings.filter((f) => own.has(f.id));
  if (checkFindings.length > 0) lines.push(...findingLines(checkFindings));
  return `${lines.join('\n')}\n\nToday:\n${body}`;
}
