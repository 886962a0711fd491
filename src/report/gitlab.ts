// GitLab Code Quality report: the JSON array GitLab reads from `artifacts:reports:codequality`
// (format: https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format, a subset
// of the Code Climate spec; its schema here is fixtures/schemas/gitlab-codequality.schema.json).
// One issue per finding: description, check_name (the finding id), fingerprint, severity, and
// location {path, lines {begin}}. GitLab matches the merge request's issues with the target
// branch's by fingerprint, and keeps only the first issue of a fingerprint, so a fingerprint stays
// the same while a finding is about the same thing, and two findings never share one.
import { shellWords } from '../findings/suggested-command.js';
import { createHash } from 'node:crypto';
import type { Finding, Severity } from '../findings/types.js';
import { findingIdentity, findingSubject } from '../findings/identity.js';
import { displayPath } from './artifact-uri.js';
import { escapeControlCharacters } from './escape.js';
import { jsonFinding } from './json.js';

/** The severities GitLab accepts (the Code Climate scale). */
export type GitlabSeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

export interface GitlabIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: GitlabSeverity;
  location: { path: string; lines: { begin: number } };
}

export interface GitlabOptions {
  /** The folder the evidence's zone-file paths are relative to (default: process.cwd()). */
  cwd?: string;
  /** The repository root: every location path is relative to it (default: `cwd`). */
  root?: string;
  /**
   * Where findings that no zone file holds point (GitLab needs a path): the config file, relative
   * to `cwd` or absolute (default `authaudit.config.json`, where the config would be). Line 1.
   */
  fallbackFile?: string;
}

// errors block mail (major); warnings are risks (minor); info is info. critical and blocker stay unused.
const SEVERITY: Record<Severity, GitlabSeverity> = { error: 'major', warning: 'minor', info: 'info' };

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * One fingerprint per finding, each different: the SHA-256 (hex) of what the finding is about —
 * its id, the owner name in the evidence and the path that led there (an SPF include chain starts
 * at the audited domain; a prediction names provider, profile, address and rule). No line, zone
 * file or message, so moving a record or rewording a message keeps the fingerprint. The record
 * type needs no place of its own: each id is about one record type. Where two findings share that
 * subject (two bad tags in one record), the term each points at is added (findingIdentity); a
 * fingerprint still taken after that gets an ordinal (`#2`), in report order.
 */
export function gitlabFingerprints(findings: readonly Finding[]): string[] {
  const keyed = findings.map((f) => ({ f, subject: findingSubject(f) }));
  const count = new Map<string, number>();
  for (const { subject } of keyed) count.set(subject, (count.get(subject) ?? 0) + 1);
  const used = new Set<string>();
  return keyed.map(({ f, subject }) => {
    const key = (count.get(subject) ?? 0) > 1 ? findingIdentity(f) : subject;
    let fingerprint = sha256(key);
    for (let n = 2; used.has(fingerprint); n++) fingerprint = sha256(`${key}\u0000#${n}`);
    used.add(fingerprint);
    return fingerprint;
  });
}

/** Findings equal in every field (a --ip reverse-DNS problem reported under each audited domain) are one issue. */
function distinct(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = JSON.stringify(jsonFinding(f));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The report as a value, in the order of the findings. */
export function buildGitlab(findings: readonly Finding[], options: GitlabOptions = {}): GitlabIssue[] {
  const cwd = options.cwd ?? process.cwd();
  const root = options.root ?? cwd;
  const fallback = options.fallbackFile ?? 'authaudit.config.json';
  const issues = distinct(findings);
  const fingerprints = gitlabFingerprints(issues);
  return issues.map((f, i) => {
    const e = f.evidence;
    // DNS text reaches a browser: control and bidi characters shown escaped, as on a terminal
    const said = escapeControlCharacters(`${e.domain !== null ? `${e.domain}: ` : ''}${f.message}`);
    return {
      description: `${said}${f.fix !== null ? `\nFix: ${escapeControlCharacters(f.fix)}` : ''}${f.command ? `\nRun: ${escapeControlCharacters(shellWords(f.command))}` : ''}`,
      check_name: f.id,
      fingerprint: fingerprints[i] ?? '',
      severity: SEVERITY[f.severity],
      location: {
        path: displayPath(e.file ?? fallback, cwd, root),
        lines: { begin: e.file !== null && e.line !== null && e.line >= 1 ? e.line : 1 },
      },
    };
  });
}

/** The report as text (2-space indented, trailing newline); `[]` when there are no findings. */
export function renderGitlab(findings: readonly Finding[], options: GitlabOptions = {}): string {
  return `${JSON.stringify(buildGitlab(findings, options), null, 2)}\n`;
}
