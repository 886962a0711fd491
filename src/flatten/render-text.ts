// The `flatten` text report: the zone-file lines to paste, what was kept and frozen, and the proof.
import { shellWords, suggestedCommand, type WorldArgs } from '../findings/suggested-command.js';
import type { Finding } from '../findings/types.js';
import { escapeForTerminal } from '../report/escape.js';
import type { PublishedCheck } from './check-stale.js';
import type { FlatRecord, FlattenResult } from './types.js';

const MAX_SHOWN = 20;

function findingLines(findings: readonly Finding[]): string[] {
  return findings.map((f) => `  ${f.severity}: ${escapeForTerminal(f.message)} [${f.id}]${f.fix ? `\n    fix: ${escapeForTerminal(f.fix)}` : ''}`);
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/**
 * The records in the order to publish them: the chain's parts before the records that include
 * them (the last part first), the source record, and the root record last, so that no receiver
 * ever meets an include of a name not yet published.
 */
export function publishingOrder(records: readonly FlatRecord[]): FlatRecord[] {
  const chain = records.filter((r) => r.role === 'chain').reverse();
  return [...chain, ...records.filter((r) => r.role === 'source'), ...records.filter((r) => r.role === 'root')];
}

function publishLines(result: FlattenResult): string[] {
  const e = escapeForTerminal;
  const lines = ['', 'Publish, in this order (each part before the record that includes it):'];
  publishingOrder(result.records).forEach((r, i) => {
    const what =
      r.role === 'root'
        ? 'replace the existing SPF record there; never add a second one (two SPF records are a permerror, RFC 7208 §4.5)'
        : r.role === 'source'
          ? `add or replace: the policy as you maintain it; receivers never read it, and 'authaudit flatten --check' flattens it again to compare`
          : 'add, or replace the TXT record there';
    lines.push(`  ${i + 1}. ${e(r.name)} TXT: ${what}`);
    lines.push(`     value (one string, as web DNS panels take it): ${e(r.text)}`);
    lines.push(`     zone file: ${e(r.zoneLine)}`);
  });
  return lines;
}

/** `world`: the options the suggested `--check` command carries (the run's `--zone`, …). */
export function renderFlattenText(result: FlattenResult, findings: readonly Finding[], world: WorldArgs = []): string {
  const e = escapeForTerminal;
  // RFC 7208 §4.6.4: a record whose terms cost no DNS lookups gains nothing from flattening.
  const nothingToDo = result.status === 'flattened' && result.lookups.original === 0;
  const lines = [`SPF flattening for ${e(result.domain)}: ${nothingToDo ? 'nothing to flatten' : result.status}`];
  if (result.source) lines.push(`  source (${e(result.source.name)}): ${e(result.source.record)}`);
  if (nothingToDo) {
    lines.push('  the record needs no DNS lookups (RFC 7208 §4.6.4 counts include, a, mx, ptr, exists and redirect): keep it as it is, publish nothing');
  } else if (result.status !== 'refused') {
    const chain = result.records.filter((r) => r.role === 'chain').length;
    lines.push(
      `  ${plural(1 + chain, 'record')}, ${result.ranges.ip4} ip4 and ${result.ranges.ip6} ip6 terms, ${plural(result.lookups.flattened, 'DNS lookup')} (was ${result.lookups.original}; limit ${result.lookups.limit})`,
    );
  }
  // a refusal after the proof (the original gives permerror) is told by its finding
  if (result.proof && result.status !== 'refused' && !nothingToDo) {
    lines.push(
      result.proof.equivalent
        ? `  proven equivalent: every client address gets the same check_host() result from these records as from the original with its lookup limit lifted, and none gets permerror (checked at the ${result.proof.addresses} range boundaries, the only addresses where a result can change)`
        : `  PROOF FAILED: ${result.proof.mismatches.length} of ${result.proof.addresses} addresses differ; these records must not be published`,
    );
    for (const m of result.proof.mismatches.slice(0, MAX_SHOWN)) {
      lines.push(`    ${m.address}: original ${m.original}${m.originalTerm ? ` (${e(m.originalTerm)})` : ''}, flattened ${m.flattened}${m.flattenedTerm ? ` (${e(m.flattenedTerm)})` : ''}${m.detail ? `: ${e(m.detail)}` : ''}`);
    }
  }
  if (result.status === 'flattened' && !nothingToDo) lines.push(...publishLines(result));
  if (result.status !== 'refused' && !nothingToDo && result.kept.length > 0) {
    lines.push('', 'Kept terms:');
    for (const k of result.kept) lines.push(`  ${e(k.text)}  (${k.reason}, from ${e(k.domain)}, ${plural(k.lookups, 'lookup')})`);
  }
  if (result.status !== 'refused' && !nothingToDo && result.frozen.length > 0) {
    lines.push('', 'Frozen addresses (copied into the records; they change when these do):');
    for (const f of result.frozen) lines.push(`  ${e(f.name)}  ${f.via}, TTL ${f.ttl ?? 'unknown'}, ${plural(f.ranges, 'range')}`);
    lines.push(
      '  Keep them fresh: this command compares the records published in a zone file with flattening today; run it in CI at least daily and republish when it fails:',
      `    run ${e(shellWords(suggestedCommand(['flatten', result.domain, '--check', '<zone>'], world)))}`,
    );
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
