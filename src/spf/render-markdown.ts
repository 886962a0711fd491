// The `spf` command as Markdown: the same include tree, summarised runs of ip4/ip6 terms and
// totals as the text report (built by render-text.ts through markdownStyle: DNS text in code
// spans), as a nested list; with --ip, the check_host() result and its trace; then the findings.
import type { Finding } from '../findings/types.js';
import { markdownFindingsSection } from '../report/markdown.js';
import { codeSpan, escapeMarkdownText } from '../report/markdown-text.js';
import { markdownStyle as s, nestedList } from '../report/style.js';
import type { SpfExpansion } from './expand-types.js';
import { checkLines, renderTreeSummary, SUMMARISED_NOTE, TRACE_LEGEND, treeIntro, treeLines, treeTotals, type TreeTextOptions } from './render-text.js';
import type { CheckHostResult } from './types.js';

/** The include tree as a nested list, and its totals; `level` is the heading level of its title. */
export function spfTreeMarkdown(tree: SpfExpansion, options: TreeTextOptions = {}, level = 3): string[] {
  const { lines, runs } = treeLines(tree, s, options);
  const out = [`${'#'.repeat(level)} SPF for ${codeSpan(tree.domain)}`, '', escapeMarkdownText(treeIntro(tree)), '', ...nestedList(lines), ''];
  if (runs > 0) out.push(escapeMarkdownText(SUMMARISED_NOTE), '');
  out.push(...treeTotals(tree, s).map((l) => `- ${l}`), '');
  return out;
}

export interface CheckInput {
  ip: string;
  /** The domain as given to check_host(). */
  domain: string;
  sender: string;
  helo: string;
  result: CheckHostResult;
}

/** `authaudit spf DOMAIN [--ip A]` as Markdown. */
export function renderSpfMarkdown(tree: SpfExpansion, check: CheckInput | null, findings: readonly Finding[], options: TreeTextOptions = {}): string {
  const out = [`## authaudit spf ${codeSpan(tree.domain)}`, ''];
  if (check === null) out.push(...spfTreeMarkdown(tree, options));
  else {
    const { heading, details, trace } = checkLines(check.ip, check.domain, check.sender, check.helo, check.result, s);
    out.push(heading, '', ...details.map((d) => `- ${d}`), '', '### Trace', '', escapeMarkdownText(TRACE_LEGEND), '', ...nestedList(trace), '');
    out.push(escapeMarkdownText(renderTreeSummary(tree, s.p).trimEnd()), '');
  }
  out.push(...markdownFindingsSection('Findings', findings));
  return out.join('\n');
}
