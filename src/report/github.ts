// GitHub Actions workflow commands: one `::error|warning|notice file=…,line=…,title=…::message`
// line per finding, so findings show as annotations on the pull request's zone-file lines.
// Escaping follows @actions/core's command.ts: data escapes %, CR, LF; properties also `:` and `,`.
// DNS text is escaped for the terminal first (the Actions log renders ANSI sequences).
import { shellWords } from '../findings/suggested-command.js';
import type { Finding, Severity } from '../findings/types.js';
import { findingRegistry, type FindingRegistry } from './finding-registry.js';
import { escapeForTerminal } from './escape.js';
import { displayPath } from './artifact-uri.js';
import { SEVERITIES } from '../findings/severity.js';

export interface GithubOptions {
  registry?: FindingRegistry;
  /** Zone-file paths are made relative to this folder (default: process.cwd()). */
  cwd?: string;
}

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escape the message part of a workflow command. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escape a property value (file, title, …) of a workflow command. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One annotation line (no trailing newline). */
export function githubAnnotation(f: Finding, options: GithubOptions = {}): string {
  const registry = options.registry ?? findingRegistry();
  const cwd = options.cwd ?? process.cwd();
  const e = f.evidence;
  const props: string[] = [];
  if (e.file !== null) {
    props.push(`file=${escapeProperty(displayPath(e.file, cwd))}`);
    if (e.line !== null) props.push(`line=${e.line}`);
  }
  const title = registry.get(f.id)?.title;
  props.push(`title=${escapeProperty(`${f.id}${title ? `: ${title}` : ''}`)}`);
  const parts = [`${e.domain !== null ? `${escapeForTerminal(e.domain)}: ` : ''}${escapeForTerminal(f.message)}`];
  if (e.record !== null) parts.push(`Record: ${escapeForTerminal(e.record)}`);
  if (f.fix !== null) parts.push(`Fix: ${escapeForTerminal(f.fix)}`);
  if (f.command) parts.push(`Run: ${escapeForTerminal(shellWords(f.command))}`);
  return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(parts.join('\n'))}`;
}

/** Every finding as an annotation, errors first; ends with a newline unless there are none. */
export function renderGithub(findings: readonly Finding[], options: GithubOptions = {}): string {
  const lines = SEVERITIES.flatMap((s) => findings.filter((f) => f.severity === s)).map((f) => githubAnnotation(f, options));
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
