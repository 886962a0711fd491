// The shared text rendering of findings for a terminal: grouped by severity, each with its id,
// message, the record excerpt with a caret under the position, the include path, the zone file
// line, and the fix. Every piece of DNS-derived text goes through escapeForTerminal.
import type { Finding, Severity } from '../findings/types.js';
import { shellWords } from '../findings/suggested-command.js';
import { escapeForTerminal } from './escape.js';
import { excerpt } from './excerpt.js';
import { paint, type Paint } from './color.js';
import { countBySeverity, groupBySeverity, plural } from '../findings/severity.js';

export interface TextOptions {
  color: boolean;
  /** Widest record excerpt, in columns (default 100). */
  width?: number;
  /** Shown when there are no findings (default "No findings."); null shows nothing. */
  emptyText?: string | null;
}

const HEADINGS: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Info' };

function severityPaint(p: Paint, severity: Severity): (text: string) => string {
  return severity === 'error' ? p.red : severity === 'warning' ? p.yellow : p.cyan;
}

function renderOne(f: Finding, p: Paint, width: number): string[] {
  const tone = severityPaint(p, f.severity);
  const ev = f.evidence;
  const head = `  ${tone(f.severity.padEnd(7))} ${p.bold(escapeForTerminal(f.id))}${ev.domain ? `  ${p.dim(escapeForTerminal(ev.domain))}` : ''}`;
  const lines = [head, `      ${escapeForTerminal(f.message)}`];
  if (ev.record !== null) {
    const ex = excerpt(ev.record, ev.position, width);
    lines.push(`      ${p.dim('|')} ${ex.text}`);
    if (ex.caret !== null) lines.push(`      ${p.dim('|')} ${' '.repeat(ex.caret)}${tone('^')}`);
  }
  if (ev.path !== null && ev.path.length > 0) {
    lines.push(`      ${p.dim('via')} ${ev.path.map(escapeForTerminal).join(' > ')}`);
  }
  if (ev.file !== null) {
    lines.push(`      ${p.dim('at')}  ${escapeForTerminal(ev.file)}${ev.line !== null ? `:${ev.line}` : ''}`);
  }
  if (f.fix !== null) lines.push(`      ${p.green('fix')} ${escapeForTerminal(f.fix)}`);
  if (f.command) lines.push(`      ${p.green('run')} ${escapeForTerminal(shellWords(f.command))}`);
  return lines;
}

/** One line such as "2 errors, 1 warning, 0 info". */
export function summaryLine(findings: readonly Finding[]): string {
  const c = countBySeverity(findings);
  return `${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${c.info} info`;
}

/** Findings grouped by severity, most severe first; ends with a newline unless empty. */
export function renderFindingsText(findings: readonly Finding[], options: TextOptions): string {
  const p = paint(options.color);
  const width = options.width ?? 100;
  if (findings.length === 0) {
    const empty = options.emptyText === undefined ? 'No findings.' : options.emptyText;
    return empty === null ? '' : `${p.green(empty)}\n`;
  }
  const blocks: string[] = [];
  for (const group of groupBySeverity(findings)) {
    const tone = severityPaint(p, group.severity);
    const lines = [tone(p.bold(`${HEADINGS[group.severity]} (${group.findings.length})`))];
    for (const f of group.findings) lines.push(...renderOne(f, p, width));
    blocks.push(lines.join('\n'));
  }
  return `${blocks.join('\n\n')}\n`;
}
