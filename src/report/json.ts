// The JSON report: one versioned envelope for every command (fixtures/schemas/authaudit-report.schema.json).
// Every field is present; unknown values are null, never missing.
import type { Finding } from '../findings/types.js';
import type { ResolverStats } from '../dns/types.js';
import { SCHEMA_VERSION, TOOL_NAME, TOOL_VERSION } from '../version.js';
import { countBySeverity, type SeverityCounts } from '../findings/severity.js';

export interface ToolInfo {
  name: string;
  version: string;
}

export interface JsonMeta {
  tool?: ToolInfo;
  /** DNS questions sent and answered from the cache; null when the command asked none. */
  stats?: ResolverStats | null;
}

export interface JsonFinding {
  id: string;
  severity: Finding['severity'];
  message: string;
  evidence: Finding['evidence'];
  fix: string | null;
  /** A command the fix suggests, as argv carrying the run's world options; null when none. */
  command: string[] | null;
}

export interface JsonReport {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: ToolInfo;
  command: string;
  [key: string]: unknown;
  findings: JsonFinding[];
  summary: SeverityCounts;
  stats: ResolverStats | null;
}

/** Keys the envelope owns; a command's data must not use them. */
export const RESERVED_KEYS = ['schemaVersion', 'tool', 'command', 'findings', 'summary', 'stats'] as const;

/** A finding as the schema describes it: exactly these fields, every one present. */
export function jsonFinding(f: Finding): JsonFinding {
  const e = f.evidence;
  return {
    id: f.id,
    severity: f.severity,
    message: f.message,
    evidence: {
      domain: e.domain ?? null,
      record: e.record ?? null,
      position: e.position ?? null,
      path: e.path ? [...e.path] : null,
      file: e.file ?? null,
      line: e.line ?? null,
    },
    fix: f.fix ?? null,
    command: f.command ? [...f.command] : null,
  };
}

/** The envelope as a value: schemaVersion, tool, command, the command's data, findings, summary, stats. */
export function buildJsonReport(
  command: string,
  data: Readonly<Record<string, unknown>>,
  findings: readonly Finding[],
  meta: JsonMeta = {},
): JsonReport {
  for (const key of RESERVED_KEYS) {
    // a command that sets an envelope key is a bug in that command, not bad input
    if (Object.prototype.hasOwnProperty.call(data, key)) throw new Error(`bug: command "${command}" data uses reserved key "${key}"`);
  }
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: meta.tool ?? { name: TOOL_NAME, version: TOOL_VERSION },
    command,
    ...data,
    findings: findings.map(jsonFinding),
    summary: countBySeverity(findings),
    stats: meta.stats ? { ...meta.stats } : null,
  };
}

/** `undefined` anywhere becomes null, so no field silently disappears from the document. */
function replacer(_key: string, value: unknown): unknown {
  return value === undefined ? null : value;
}

/** The JSON report as text (2-space indented, trailing newline). */
export function renderJson(
  command: string,
  data: Readonly<Record<string, unknown>>,
  findings: readonly Finding[],
  meta: JsonMeta = {},
): string {
  return `${JSON.stringify(buildJsonReport(command, data, findings, meta), replacer, 2)}\n`;
}
