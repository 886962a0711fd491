// The diff as a pull-request comment: a table per domain (verdict before and after, introduced,
// resolved, SPF lookups, addresses that start or stop passing), then per domain that changed why
// it fails — the findings the change introduces, each with its message and fix, the predicted
// replies that change, the SPF record before and after — and what it resolves, collapsed in a
// <details> block. DNS text only in code spans (src/report/markdown-text.ts).
import type { Finding } from '../findings/types.js';
import { codeSpan, detailsBlock, escapeMarkdownText, markdownProse } from '../report/markdown-text.js';
import { markdownFindingGroups } from '../report/markdown.js';
import { plural } from '../findings/severity.js';
import { PROVIDER_NAMES } from '../predict/types.js';
import { VERDICT_LABEL } from '../audit/verdict.js';
import type { ZoneDiff, ZoneVersion } from './diff-zones.js';
import type { DomainDiff } from './diff-audits.js';
import type { AddressChange } from './spf-delta.js';
import type { PredictionChange } from './prediction-delta.js';
import { addressChangeText, missingNotes, replyText, reviewDomains, versionPlace, type DomainReview, type Keep } from './render-text.js';

/** `zones` at `origin/main (3f2a1c9)`: user input and refs in code spans. */
function placeMarkdown(place: string, v: ZoneVersion): string {
  return v.label !== null ? `at ${codeSpan(v.label)}` : escapeMarkdownText(place);
}

function sideMarkdown(v: ZoneVersion, other: ZoneVersion): string {
  const place = versionPlace(v, other);
  return `${v.paths.map((p) => codeSpan(p)).join(', ')}${place === null ? '' : ` ${placeMarkdown(place, v)}`}`;
}

function blocks(c: AddressChange): string {
  const all = [...c.ip4, ...c.ip6];
  if (all.length === 0) return '—';
  const shown = all.slice(0, 4).map((b) => codeSpan(b, true));
  return all.length > 4 ? `${shown.join(' ')} +${all.length - 4} more` : shown.join(' ');
}

function predictionTable(changes: readonly PredictionChange[]): string[] {
  const out = ['| Profile | Provider | Address | Before | After |', '| --- | --- | --- | --- | --- |'];
  for (const c of changes) {
    out.push(`| ${codeSpan(c.stream, true)} | ${PROVIDER_NAMES[c.provider]} | ${c.address === null ? 'no address' : codeSpan(c.address, true)} | ${escapeMarkdownText(replyText(c.base))} | ${escapeMarkdownText(replyText(c.head))} |`);
  }
  return [...out, ''];
}

/** Changed findings the --ignore leaves: still there, with other evidence (a severity change included). */
function changedFindings(d: DomainDiff, keep: Keep): string[] {
  const changed = d.findings.changed.filter((c) => keep(c.after));
  const out: string[] = [];
  for (const c of changed) {
    const sev = c.before.severity !== c.after.severity ? ` (${c.before.severity} → ${c.after.severity})` : '';
    out.push(`- ${codeSpan(c.after.id)}${sev}`, `  - before: ${markdownProse(c.before.message)}`, `  - after: ${markdownProse(c.after.message)}`);
  }
  return out;
}

/** Why a domain fails or what changed for it; [] when the change does nothing to it. */
function domainSection(review: DomainReview, keep: Keep): string[] {
  const { diff: d, lists, verdicts: v } = review;
  const changed = changedFindings(d, keep);
  const predictions = d.predictions ?? [];
  const spf = d.spf;
  const spfChanged = spf.record.changed || spf.lookups.delta !== 0 || spf.voidLookups.delta !== 0;
  if (lists.introduced.length === 0 && lists.resolved.length === 0 && changed.length === 0 && predictions.length === 0 && !spfChanged) return [];
  const verdict = v.base === v.head ? VERDICT_LABEL[v.head] : `${VERDICT_LABEL[v.base]} → ${VERDICT_LABEL[v.head]}`;
  const out = [`### ${codeSpan(d.domain)}: ${verdict}`, ''];
  if (lists.introduced.length > 0) {
    out.push(`This change introduces ${plural(lists.introduced.length, 'finding')}:`, '', ...markdownFindingGroups(lists.introduced, 4));
  } else out.push('This change introduces no findings.', '');
  if (predictions.length > 0) out.push('Predicted replies that change:', '', ...predictionTable(predictions));
  if (spfChanged) {
    const c = spf.lookups;
    const lines = [`- SPF lookups ${c.base} → ${c.head}${c.delta !== 0 ? ` (${c.delta > 0 ? '+' : ''}${c.delta})` : ''}, void lookups ${spf.voidLookups.base} → ${spf.voidLookups.head}`];
    if (spf.record.changed) {
      lines.push(`- before: ${spf.record.base === null ? 'no SPF record' : codeSpan(spf.record.base)}`, `- after: ${spf.record.head === null ? 'no SPF record' : codeSpan(spf.record.head)}`);
    }
    const start = addressChangeText(spf.startPassing);
    const stop = addressChangeText(spf.stopPassing);
    if (start !== null) lines.push(`- start passing: ${escapeMarkdownText(start)}`);
    if (stop !== null) lines.push(`- stop passing: ${escapeMarkdownText(stop)}`);
    out.push('SPF:', '', ...lines, '');
  }
  if (changed.length > 0) out.push('Still present, with other evidence:', '', ...changed, '');
  if (lists.resolved.length > 0) out.push(...detailsBlock(`Resolved by this change (${lists.resolved.length})`, markdownFindingGroups(lists.resolved, 4)));
  return out;
}

export function renderDiffMarkdown(diff: ZoneDiff, keep: Keep): string {
  const out = ['## authaudit: DNS change review', ''];
  out.push(`Base ${sideMarkdown(diff.base, diff.head)} → head ${sideMarkdown(diff.head, diff.base)}${diff.offline ? ' (offline: the zone files only)' : ' (laid over the live DNS)'}.`, '');
  const notes = missingNotes(diff);
  for (const note of notes) {
    out.push(`- ${note.version.missing.map((p) => codeSpan(p)).join(', ')}: not ${placeMarkdown(note.place, note.version)}, ${note.effect}.`);
  }
  if (notes.length > 0) out.push('');
  if (diff.domains.length === 0) {
    out.push('No domain to audit: no zone publishes MX, SPF or DMARC records at its apex.', '');
    return out.join('\n');
  }
  out.push('| Domain | Verdict | Introduced | Resolved | SPF lookups | Start passing SPF | Stop passing SPF |', '| --- | --- | ---: | ---: | --- | --- | --- |');
  const { domains, introduced, resolved } = reviewDomains(diff, keep);
  for (const { diff: d, lists, verdicts: v } of domains) {
    const l = d.spf.lookups;
    const lookups = `${l.base} → ${l.head}${l.delta !== 0 ? ` (${l.delta > 0 ? '+' : ''}${l.delta})` : ''}`;
    const verdict = v.base === v.head ? VERDICT_LABEL[v.head] : `${VERDICT_LABEL[v.base]} → **${VERDICT_LABEL[v.head]}**`;
    out.push(`| ${codeSpan(d.domain, true)} | ${verdict} | ${lists.introduced.length} | ${lists.resolved.length} | ${lookups} | ${blocks(d.spf.startPassing)} | ${blocks(d.spf.stopPassing)} |`);
  }
  out.push('', summary(introduced, resolved), '');
  for (const review of domains) out.push(...domainSection(review, keep));
  return out.join('\n');
}

function summary(introduced: readonly Finding[], resolved: readonly Finding[]): string {
  return `This change introduces ${plural(introduced.length, 'finding')} and resolves ${resolved.length}.`;
}
