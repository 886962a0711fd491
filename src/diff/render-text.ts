// The diff for a terminal: one line per domain (verdict before and after, counts), then the
// findings the change introduces (each with its fix) and those it resolves, the SPF deltas and the
// predicted replies that change. DNS-derived text is escaped.
import type { Finding } from '../findings/types.js';
import { escapeForTerminal as esc } from '../report/escape.js';
import { paint, type Paint } from '../report/color.js';
import { renderFindingsText } from '../report/text.js';
import { plural } from '../findings/severity.js';
import { PROVIDER_NAMES } from '../predict/types.js';
import { VERDICT_LABEL, verdictOf, type AuditVerdict } from '../audit/verdict.js';
import type { ZoneDiff, ZoneVersion } from './diff-zones.js';
import type { AddressChange, CountDelta } from './spf-delta.js';
import type { PredictionChange, ReplySummary } from './prediction-delta.js';
import type { DomainDiff } from './diff-audits.js';

/** Which findings to show (the run's --ignore); every list of the diff is filtered by it. */
export type Keep = (f: Finding) => boolean;

const signed = (n: number): string => (n > 0 ? `+${n}` : `${n}`);

export function countDeltaText(label: string, c: CountDelta): string {
  return `${label} ${c.base} -> ${c.head}${c.delta !== 0 ? ` (${signed(c.delta)})` : ''}`;
}

export function addressChangeText(c: AddressChange): string | null {
  const blocks = [...c.ip4, ...c.ip6];
  if (blocks.length === 0) return null;
  const counts = [c.ip4.length > 0 ? plural(c.ip4Addresses, 'IPv4 address', 'IPv4 addresses') : null, c.ip6.length > 0 ? `${c.ip6Addresses} IPv6 addresses` : null].filter((s) => s !== null);
  const shown = blocks.length > 8 ? [...blocks.slice(0, 8), `… ${blocks.length - 8} more blocks`] : blocks;
  return `${shown.join(', ')} (${counts.join(', ')})`;
}

export function replyText(r: ReplySummary | null): string {
  if (r === null) return 'no prediction';
  const code = [r.code, r.enhanced].filter((c) => c !== null).join(' ');
  return `${r.verdict}${r.certainty === 'risk' && r.verdict !== 'accepted' ? ' (risk)' : ''}${code !== '' ? ` ${code}` : ''}`;
}

export function predictionChangeText(c: PredictionChange): string {
  return `[${esc(c.stream)}] ${PROVIDER_NAMES[c.provider]} ${esc(c.address ?? 'no address')}: ${replyText(c.base)} -> ${replyText(c.head)}`;
}

function verdictTone(p: Paint, v: AuditVerdict): (s: string) => string {
  return v === 'fail' ? p.red : v === 'at-risk' ? p.yellow : p.green;
}

export interface DomainCounts {
  introduced: Finding[];
  resolved: Finding[];
}

/** A domain's introduced (escalated included) and resolved findings, after --ignore. */
export function domainLists(d: DomainDiff, keep: Keep): DomainCounts {
  return {
    introduced: [...d.findings.introduced, ...d.escalated.map((c) => c.after)].filter(keep),
    resolved: d.findings.resolved.filter(keep),
  };
}

/** The domain's verdicts before and after, from the findings --ignore leaves. */
export function shownVerdicts(diff: ZoneDiff, d: DomainDiff, keep: Keep): { base: AuditVerdict; head: AuditVerdict } {
  const of = (audits: ZoneDiff['base']['audits'], fallback: AuditVerdict): AuditVerdict => {
    const audit = audits.find((a) => a.domain === d.domain);
    return audit === undefined ? fallback : verdictOf(audit.findings.filter(keep));
  };
  return { base: of(diff.base.audits, d.verdict.base), head: of(diff.head.audits, d.verdict.head) };
}

export interface DomainReview {
  diff: DomainDiff;
  lists: DomainCounts;
  verdicts: { base: AuditVerdict; head: AuditVerdict };
}

/** Each domain's lists and shown verdicts, and every domain's introduced and resolved findings in domain order. */
export function reviewDomains(diff: ZoneDiff, keep: Keep): { domains: DomainReview[]; introduced: Finding[]; resolved: Finding[] } {
  const domains = diff.domains.map((d) => ({ diff: d, lists: domainLists(d, keep), verdicts: shownVerdicts(diff, d, keep) }));
  return {
    domains,
    introduced: domains.flatMap((r) => r.lists.introduced),
    resolved: domains.flatMap((r) => r.lists.resolved),
  };
}

/**
 * Where a version was read, when it matters: `at origin/main (3f2a1c9)` for a git commit, and
 * `in the working tree` for the other version then; nothing when both are the working tree.
 */
export function versionPlace(v: ZoneVersion, other: ZoneVersion): string | null {
  if (v.label !== null) return `at ${v.label}`;
  return other.label !== null ? 'in the working tree' : null;
}

/** Paths one version does not have: the zones there are added (base) or removed (head) by the change. */
export interface MissingNote {
  version: ZoneVersion;
  /** `at origin/main (3f2a1c9)`, `in the working tree`. */
  place: string;
  effect: 'added by this change' | 'removed by this change';
}

export function missingNotes(diff: ZoneDiff): MissingNote[] {
  const notes: MissingNote[] = [];
  if (diff.base.missing.length > 0) notes.push({ version: diff.base, place: versionPlace(diff.base, diff.head) ?? 'in the base', effect: 'added by this change' });
  if (diff.head.missing.length > 0) notes.push({ version: diff.head, place: versionPlace(diff.head, diff.base) ?? 'in the head', effect: 'removed by this change' });
  return notes;
}

export function renderDiffText(diff: ZoneDiff, keep: Keep, color: boolean): string {
  const p = paint(color);
  const side = (v: ZoneVersion, other: ZoneVersion): string => {
    const place = versionPlace(v, other);
    return `${v.paths.map(esc).join(', ')}${place === null ? '' : ` ${esc(place)}`}`;
  };
  const lines: string[] = [
    p.bold(`DNS change: base ${side(diff.base, diff.head)} -> head ${side(diff.head, diff.base)}${diff.offline ? ' (offline)' : ' (over the live DNS)'}`),
  ];
  for (const note of missingNotes(diff)) lines.push(`  not ${esc(note.place)}: ${note.version.missing.map(esc).join(', ')} (${note.effect})`);
  if (diff.domains.length === 0) return `${lines.join('\n')}\nNo domain to audit: no zone publishes MX, SPF or DMARC records at its apex.\n`;
  const width = Math.max(...diff.domains.map((d) => esc(d.domain).length));
  const { domains, introduced, resolved } = reviewDomains(diff, keep);
  for (const { diff: d, lists, verdicts: shown } of domains) {
    const v = `${verdictTone(p, shown.base)(VERDICT_LABEL[shown.base])} -> ${verdictTone(p, shown.head)(VERDICT_LABEL[shown.head])}`;
    lines.push(`  ${esc(d.domain).padEnd(width)}  ${v}  ${lists.introduced.length} introduced, ${lists.resolved.length} resolved; ${countDeltaText('SPF lookups', d.spf.lookups)}`);
  }
  lines.push('', p.bold(`Introduced (${introduced.length})`), renderFindingsText(introduced, { color, emptyText: 'Nothing introduced.' }).trimEnd());
  lines.push('', p.bold(`Resolved (${resolved.length})`), renderFindingsText(resolved, { color, emptyText: 'Nothing resolved.' }).trimEnd());
  const changed = diff.domains.flatMap((d) => d.findings.changed.filter((c) => keep(c.after)).map((c) => ({ domain: d.domain, c })));
  if (changed.length > 0) {
    lines.push('', p.bold(`Still present, evidence changed (${changed.length})`));
    for (const { domain, c } of changed) {
      const sev = c.before.severity !== c.after.severity ? ` (${c.before.severity} -> ${c.after.severity})` : '';
      lines.push(`  ${p.bold(esc(c.after.id))}  ${p.dim(esc(domain))}${sev}`, `      before: ${esc(c.before.message)}`, `      after:  ${esc(c.after.message)}`);
    }
  }
  lines.push('', p.bold('SPF'));
  for (const d of diff.domains) {
    lines.push(`  ${esc(d.domain)}: ${countDeltaText('lookups', d.spf.lookups)}, ${countDeltaText('void', d.spf.voidLookups)}${d.spf.record.changed ? '; record changed' : ''}`);
    if (d.spf.record.changed) {
      lines.push(`    before: ${d.spf.record.base === null ? 'none' : `"${esc(d.spf.record.base)}"`}`, `    after:  ${d.spf.record.head === null ? 'none' : `"${esc(d.spf.record.head)}"`}`);
    }
    const start = addressChangeText(d.spf.startPassing);
    const stop = addressChangeText(d.spf.stopPassing);
    if (start !== null) lines.push(`    ${p.green('start passing')}: ${start}`);
    if (stop !== null) lines.push(`    ${p.red('stop passing')}:  ${stop}`);
  }
  const predictions = diff.domains.flatMap((d) => (d.predictions ?? []).map((c) => ({ domain: d.domain, c })));
  if (diff.domains.some((d) => d.predictions !== null)) {
    lines.push('', p.bold(`Predicted replies that change (${predictions.length})`));
    if (predictions.length === 0) lines.push('  none');
    for (const { c } of predictions) lines.push(`  ${predictionChangeText(c)}`);
  }
  return `${lines.join('\n')}\n`;
}
