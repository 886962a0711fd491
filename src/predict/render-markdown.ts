// The `predict` report as Markdown: what the text report shows — per stream its domains, DMARC
// and DKIM evidence, then per sending address the SPF and FCrDNS evidence and each provider's
// predicted reply with the why, the fixes and the notes — from the same pieces as render-text.ts
// with DNS text in code spans; then the totals and the domains left out.
import type { Finding } from '../findings/types.js';
import { codeSpan, escapeMarkdownText } from '../report/markdown-text.js';
import { markdownStyle as s } from '../report/style.js';
import { summaryLine } from '../report/text.js';
import { renderCoverageMarkdown } from '../zone-coverage/render-markdown.js';
import { addressHeader, addressLines, DKIM_CAVEAT, dkimLine, NO_DKIM, predictionTotals, replyParts, samplesNote, streamParts, type ReplyDetail } from './render-text.js';
import { ALL_PROVIDERS, PROVIDER_NAMES, type Prediction, type Reply, type StreamEvidence } from './types.js';

const LABEL: Record<ReplyDetail['kind'], string> = { text: 'reply: ', why: 'why: ', fix: 'fix: ', or: 'or: ', note: 'note: ' };

/** A reply as a list item (at `indent`) with its details as sub-items. */
function replyItems(r: Reply, head: string, indent: string): string[] {
  const parts = replyParts(r, s);
  return [`${indent}- ${head}: ${parts.head}`, ...parts.details.map((d) => `${indent}  - ${LABEL[d.kind]}${d.text}`)];
}

/**
 * `notPredicted`: the streams left out (they name a domain the zone files read offline do not
 * hold); their coverage findings are among `findings`.
 */
export function renderPredictMarkdown(streams: readonly StreamEvidence[], predictions: readonly Prediction[], findings: readonly Finding[], notPredicted: readonly string[] = []): string {
  const out = ['## authaudit predict', ''];
  for (const name of notPredicted) out.push(`Stream ${codeSpan(name)}: not predicted (it names a domain the zone files read offline do not hold).`, '');
  for (const st of streams) {
    const { heading, lines } = streamParts(st, s);
    out.push(`### ${heading}`, '', ...lines.map((l) => `- ${l}`));
    const mine = predictions.filter((x) => x.stream === st.stream);
    const firstChain = mine[0]?.evidence;
    if (st.dkim.length === 0) out.push(`- ${NO_DKIM}`);
    st.dkim.forEach((d, i) => out.push(`- ${dkimLine(d, firstChain?.dkim[i]?.aligned, s)}`));
    out.push(`- ${escapeMarkdownText(DKIM_CAVEAT)}`);
    const note = samplesNote(st, s);
    if (note !== null) out.push(`- ${note}`);
    out.push('');
    for (const a of st.addresses) {
      const forAddress = mine.filter((x) => x.address === a.address);
      out.push(`#### ${addressHeader(a, s, (text) => text)}`, '', ...addressLines(a, forAddress[0]?.evidence, s).map((l) => `- ${l}`));
      for (const provider of ALL_PROVIDERS) {
        const pred = forAddress.find((x) => x.provider === provider);
        if (pred === undefined) continue;
        out.push(...replyItems(pred, `**${PROVIDER_NAMES[provider]}**`, ''));
        for (const other of pred.also) out.push(...replyItems(other, 'also', '  '));
      }
      out.push('');
    }
  }
  out.push(`${predictionTotals(predictions)}; ${summaryLine(findings)}.`, '');
  out.push(...renderCoverageMarkdown(findings));
  return out.join('\n');
}
