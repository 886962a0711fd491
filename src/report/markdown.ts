// Markdown for a pull-request comment: a summary table of severity counts, then the findings
// grouped by severity, each with its rule, evidence and fix. DNS text only ever appears inside
// code spans (which GitHub never turns into mentions, links or HTML), built by
// src/report/markdown-text.ts to survive backticks, pipes and control characters in the data.
// Every command's own Markdown report lists its findings with markdownFindingsSection.
import { shellWords } from '../findings/suggested-command.js';
import type { Finding, Severity } from '../findings/types.js';
import { findingRegistry, type FindingRegistry } from './finding-registry.js';
import { codeSpan, escapeMarkdownText, markdownProse } from './markdown-text.js';
import { countBySeverity, groupBySeverity, SEVERITIES } from '../findings/severity.js';
import { ruleHelpUri } from './rule-link.js';

export interface MarkdownOptions {
  /** Heading of the comment (default "authaudit report"). */
  title?: string;
  registry?: FindingRegistry;
}

const LABEL: Record<Severity, string> = { error: 'Error', warning: 'Warning', info: 'Info' };
const HEADING: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Info' };

function renderFinding(f: Finding, registry: FindingRegistry): string[] {
  const def = registry.get(f.id);
  const e = f.evidence;
  const title = def ? ` ${escapeMarkdownText(def.title)}` : '';
  const where = e.domain !== null ? ` on ${codeSpan(e.domain)}` : '';
  const lines = [`- **${codeSpan(f.id)}**${title}${where}`, `  ${markdownProse(f.message)}`];
  if (e.record !== null) {
    lines.push(`  - Record: ${codeSpan(e.record)}${e.position !== null ? ` (at character ${e.position + 1})` : ''}`);
  }
  if (e.path !== null && e.path.length > 0) lines.push(`  - Via: ${e.path.map((p) => codeSpan(p)).join(' → ')}`);
  if (e.file !== null) lines.push(`  - Zone file: ${codeSpan(e.line !== null ? `${e.file}:${e.line}` : e.file)}`);
  if (def?.rule) {
    const uri = ruleHelpUri(def.rule);
    lines.push(`  - Rule: ${uri ? `[${escapeMarkdownText(def.rule)}](${uri})` : escapeMarkdownText(def.rule)}`);
  }
  if (f.fix !== null) lines.push(`  - **Fix:** ${markdownProse(f.fix)}`);
  if (f.command) lines.push(`  - Run: ${codeSpan(shellWords(f.command))}`);
  return lines;
}

/** The findings grouped by severity under `level` headings (`#### Errors (2)` at 4), each with its evidence and fix. */
export function markdownFindingGroups(findings: readonly Finding[], level = 3, registry: FindingRegistry = findingRegistry()): string[] {
  const out: string[] = [];
  for (const group of groupBySeverity(findings)) {
    out.push(`${'#'.repeat(level)} ${HEADING[group.severity]} (${group.findings.length})`, '');
    for (const f of group.findings) out.push(...renderFinding(f, registry));
    out.push('');
  }
  return out;
}

/**
 * A `### title (n)` section of a report: the findings grouped by severity under `####` headings,
 * or `empty` (nothing when '') when there are none.
 */
export function markdownFindingsSection(title: string, findings: readonly Finding[], empty = 'No findings.', registry?: FindingRegistry): string[] {
  const out = [`### ${escapeMarkdownText(title)} (${findings.length})`, ''];
  if (findings.length === 0) return empty === '' ? out : [...out, escapeMarkdownText(empty), ''];
  return [...out, ...markdownFindingGroups(findings, 4, registry)];
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
  out.push(...markdownFindingGroups(findings, 3, registry));
  return out.join('\n');
}
