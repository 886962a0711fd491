// Markdown for a pull-request comment: a summary table of severity counts, then the findings
// grouped by severity, each with its rule, evidence and fix. DNS text only ever appears inside
// code spans (which GitHub never turns into mentions, links or HTML), built to survive backticks,
// pipes and control characters in the data.
import type { Finding, Severity } from '../findings/types.js';
import { findingRegistry, type FindingRegistry } from '../findings/registry.js';
import { escapeForTerminal } from './escape.js';
import { countBySeverity, groupBySeverity, SEVERITIES } from './severity.js';
import { ruleHelpUri } from './rule-link.js';

export interface MarkdownOptions {
  /** Heading of the comment (default "authaudit report"). */
  title?: string;
  registry?: FindingRegistry;
}

const LABEL: Record<Severity, string> = { error: 'Error', warning: 'Warning', info: 'Info' };
const HEADING: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Info' };

/**
 * A code span holding `text` verbatim (CommonMark §6.1): control characters shown escaped, a
 * fence longer than any backtick run inside, and padding when the text starts or ends with a
 * backtick or a space. With `inTable`, `|` becomes `\|` (GFM tables split cells before code spans).
 */
export function codeSpan(text: string, inTable = false): string {
  let body = escapeForTerminal(text);
  if (inTable) body = body.replace(/\|/g, '\\|');
  if (body === '') return '` `';
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = body.startsWith('`') || body.endsWith('`') || (body.startsWith(' ') && body.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** Prose safe in Markdown: every ASCII punctuation with Markdown meaning backslash-escaped, `&` as an entity. */
export function escapeMarkdownText(text: string): string {
  return escapeForTerminal(text)
    .replace(/&/g, '&amp;')
    .replace(/[\\`*_{}[\]()#+\-.!|<>~@:]/g, (c) => `\\${c}`);
}

function renderFinding(f: Finding, registry: FindingRegistry): string[] {
  const def = registry.get(f.id);
  const e = f.evidence;
  const title = def ? ` ${escapeMarkdownText(def.title)}` : '';
  const where = e.domain !== null ? ` on ${codeSpan(e.domain)}` : '';
  const lines = [`- **${codeSpan(f.id)}**${title}${where}`, `  ${escapeMarkdownText(f.message)}`];
  if (e.record !== null) {
    lines.push(`  - Record: ${codeSpan(e.record)}${e.position !== null ? ` (at character ${e.position + 1})` : ''}`);
  }
  if (e.path !== null && e.path.length > 0) lines.push(`  - Via: ${e.path.map((p) => codeSpan(p)).join(' → ')}`);
  if (e.file !== null) lines.push(`  - Zone file: ${codeSpan(e.line !== null ? `${e.file}:${e.line}` : e.file)}`);
  if (def?.rule) {
    const uri = ruleHelpUri(def.rule);
    lines.push(`  - Rule: ${uri ? `[${escapeMarkdownText(def.rule)}](${uri})` : escapeMarkdownText(def.rule)}`);
  }
  if (f.fix !== null) lines.push(`  - **Fix:** ${escapeMarkdownText(f.fix)}`);
  return lines;
}

/** The whole comment; ends with a newline. */
export function renderMarkdown(findings: readonly Finding[], options: MarkdownOptions = {}): string {
  const registry = options.registry ?? findingRegistry();
  const counts = countBySeverity(findings);
  const out = [`## ${escapeMarkdownText(options.title ?? 'authaudit report')}`, ''];
  out.push('| Severity | Findings |', '| --- | ---: |');
  for (const s of SEVERITIES) out.push(`| ${LABEL[s]} | ${counts[s]} |`);
  out.push('');
  if (findings.length === 0) {
    out.push('No findings.', '');
    return out.join('\n');
  }
  for (const group of groupBySeverity(findings)) {
    out.push(`### ${HEADING[group.severity]} (${group.findings.length})`, '');
    for (const f of group.findings) out.push(...renderFinding(f, registry));
    out.push('');
  }
  return out.join('\n');
}
