// The diff as a pull-request comment: a table per domain (verdict before and after, introduced,
// resolved, SPF lookups, addresses that start or stop passing), the introduced findings with their
// fixes, the resolved ones, and the predicted replies that change. DNS text only in code spans.
import { codeSpan, escapeMarkdownText } from '../report/markdown-text.js';
import { markdownFindingsSection as section } from '../report/markdown.js';
import { PROVIDER_NAMES } from '../predict/types.js';
import { VERDICT_LABEL } from '../audit/verdict.js';
import type { ZoneDiff } from './diff-zones.js';
import type { AddressChange } from './spf-delta.js';
import { missingNotes, replyText, reviewDomains, versionPlace, type Keep } from './render-text.js';
import type { ZoneVersion } from './diff-zones.js';

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
  out.push('');
  out.push(...section('Introduced', introduced, 'This change introduces no findings.'));
  out.push(...section('Resolved', resolved, 'This change resolves no findings.'));
  if (diff.domains.some((d) => d.predictions !== null)) {
    const changes = diff.domains.flatMap((d) => d.predictions ?? []);
    out.push(`### Predicted replies that change (${changes.length})`, '');
    if (changes.length === 0) out.push('No predicted reply changes.', '');
    else {
      out.push('| Profile | Provider | Address | Before | After |', '| --- | --- | --- | --- | --- |');
      for (const c of changes) {
        out.push(`| ${codeSpan(c.stream, true)} | ${PROVIDER_NAMES[c.provider]} | ${codeSpan(c.address, true)} | ${escapeMarkdownText(replyText(c.base))} | ${escapeMarkdownText(replyText(c.head))} |`);
      }
      out.push('');
    }
  }
  return out.join('\n');
}
