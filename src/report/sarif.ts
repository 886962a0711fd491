// SARIF 2.1.0 for code scanning (OASIS SARIF v2.1.0; GitHub code scanning reads it). One run:
// the driver lists every registered rule; each finding is a result that points at the zone-file
// line when the record was read from a zone file, and names the domain as a logical location.
import { shellWords } from '../findings/suggested-command.js';
import { createHash } from 'node:crypto';
import type * as Sarif from 'sarif';
import type { Finding, FindingDefinition, Severity } from '../findings/types.js';
import { findingRegistry, type FindingRegistry } from './finding-registry.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { artifactUri } from './artifact-uri.js';
import { ruleHelpUri } from './rule-link.js';
import type { ToolInfo } from './json.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

export interface SarifRunInput {
  findings: readonly Finding[];
  tool?: ToolInfo & { informationUri?: string };
  registry?: FindingRegistry;
  /** Zone-file paths are made relative to this folder (default: process.cwd()). */
  cwd?: string;
}

const LEVEL: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note' };

function ruleFor(def: FindingDefinition): Sarif.ReportingDescriptor {
  const rule: Sarif.ReportingDescriptor = {
    id: def.id,
    name: def.title,
    shortDescription: { text: def.title },
    fullDescription: { text: def.rule ? `${def.title} (${def.rule})` : def.title },
    defaultConfiguration: { level: LEVEL[def.severity] },
    properties: { tags: ['email-authentication', def.id.split('-')[0] ?? def.id], rule: def.rule },
  };
  const help = ruleHelpUri(def.rule);
  if (help !== null) rule.helpUri = help;
  return rule;
}

/** A fingerprint that survives message wording and count changes: id, domain, path, record, position. */
function fingerprint(f: Finding): string {
  const e = f.evidence;
  const key = [f.id, e.domain ?? '', (e.path ?? []).join('>'), e.record ?? '', e.position ?? ''].join('\u0000');
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

function locationsFor(f: Finding, cwd: string): Sarif.Location[] {
  const e = f.evidence;
  const location: Sarif.Location = {};
  if (e.file !== null) {
    location.physicalLocation = {
      artifactLocation: { uri: artifactUri(e.file, cwd) },
      ...(e.line !== null && e.line >= 1 ? { region: { startLine: e.line } } : {}),
    };
  }
  if (e.domain !== null) {
    location.logicalLocations = [{ name: e.domain, fullyQualifiedName: e.domain, kind: 'resource' }];
  }
  return Object.keys(location).length > 0 ? [location] : [];
}

/** The SARIF log as a value. */
export function buildSarif(input: SarifRunInput): Sarif.Log {
  const registry = input.registry ?? findingRegistry();
  const cwd = input.cwd ?? process.cwd();
  const defs = [...registry.definitions];
  // a finding whose id no table registers still gets a rule, so every ruleIndex is valid
  for (const f of input.findings) {
    if (!defs.some((d) => d.id === f.id)) defs.push({ id: f.id, severity: f.severity, title: f.id, rule: '' });
  }
  const index = new Map(defs.map((d, i) => [d.id, i]));
  const results: Sarif.Result[] = input.findings.map((f) => ({
    ruleId: f.id,
    ruleIndex: index.get(f.id) ?? -1,
    level: LEVEL[f.severity],
    message: { text: `${f.message}${f.fix !== null ? `\nFix: ${f.fix}` : ''}${f.command ? `\nRun: ${shellWords(f.command)}` : ''}` },
    locations: locationsFor(f, cwd),
    partialFingerprints: { 'authauditFinding/v1': fingerprint(f) },
    properties: {
      severity: f.severity,
      fix: f.fix,
      evidence: { ...f.evidence, path: f.evidence.path ? [...f.evidence.path] : null },
    },
  }));
  const tool = input.tool ?? { name: TOOL_NAME, version: TOOL_VERSION };
  const driver: Sarif.ToolComponent = {
    name: tool.name,
    version: tool.version,
    semanticVersion: tool.version,
    rules: defs.map(ruleFor),
  };
  if ('informationUri' in tool && tool.informationUri) driver.informationUri = tool.informationUri;
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [{ tool: { driver }, columnKind: 'utf16CodeUnits', results }],
  };
}

/** The SARIF log as text (2-space indented, trailing newline). */
export function renderSarif(input: SarifRunInput): string {
  return `${JSON.stringify(buildSarif(input), null, 2)}\n`;
}
