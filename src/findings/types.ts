// Findings are data: a stable id, a severity, a message citing the RFC or provider rule,
// the evidence, and the fix. One registry (src/report/finding-registry.ts) knows every id.

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export interface Evidence {
  /** The domain (or name) the finding is about. */
  domain: string | null;
  /** The record text involved (escaped only when rendered to a terminal). */
  record: string | null;
  /** 0-based character offset in `record`, when the finding points at a place in it. */
  position: number | null;
  /** Include/redirect path or CNAME chain that led here, outermost first. */
  path: string[] | null;
  /** Zone file and 1-based line, when the record was read from a zone file. */
  file: string | null;
  line: number | null;
}

export interface Finding {
  /** Stable kebab-case id, e.g. `spf-too-many-lookups`. */
  id: string;
  severity: Severity;
  /** One sentence, citing the rule: "… (RFC 7208 §4.6.4)". */
  message: string;
  evidence: Evidence;
  /** What to change in DNS, or null when there is nothing to change. */
  fix: string | null;
  /**
   * The fix as record edits, when it is exact enough to publish (every edit of the list is needed).
   * Not part of a finding's JSON: a report gathers the edits of its findings into one deduplicated,
   * ordered list (`changes`, src/changes/).
   */
  edits?: RecordEdit[];
  /**
   * A command the fix suggests running, as argv (`['authaudit', 'flatten', 'example.com', '--zone',
   * 'zones']`), carrying the options that give the run's world (src/findings/suggested-command.ts).
   */
  command?: string[];
}

/** One edit of one DNS record. Values in <angle brackets> are what only the owner knows (a key, a host). */
export interface RecordEdit {
  action: 'add' | 'replace' | 'remove';
  /** Owner name, without the trailing dot. */
  name: string;
  /** Record type mnemonic (`TXT`, `A`, `SPF`, …). */
  type: string;
  /** The record to publish (add, replace); null for remove. */
  value: string | null;
  /** The record as it is now (replace, remove); null for add. */
  current: string | null;
}

/** The same finding with its fix as record edits. */
export function withEdits(f: Finding, edits: readonly RecordEdit[]): Finding {
  return edits.length === 0 ? f : { ...f, edits: [...edits] };
}

/** What the registry knows of an id, independent of any one occurrence. */
export interface FindingDefinition {
  id: string;
  severity: Severity;
  /** Short title for tables and SARIF rule names. */
  title: string;
  /** The rule it enforces, e.g. `RFC 7208 §4.6.4` or `Gmail sender guidelines`. */
  rule: string;
}

export function emptyEvidence(): Evidence {
  return { domain: null, record: null, position: null, path: null, file: null, line: null };
}

/** Build a finding from its definition; severity comes from the definition unless overridden. */
export function finding(
  def: FindingDefinition,
  message: string,
  evidence: Partial<Evidence>,
  fix: string | null,
  severity: Severity = def.severity,
): Finding {
  return { id: def.id, severity, message, evidence: { ...emptyEvidence(), ...evidence }, fix };
}

/** Define a module's findings once; the ids are checked for kebab-case at load. */
export function defineFindings<K extends string>(
  defs: Record<K, Omit<FindingDefinition, 'id'> & { id?: never }>,
): Record<K, FindingDefinition> {
  const out = {} as Record<K, FindingDefinition>;
  for (const id of Object.keys(defs) as K[]) {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) throw new Error(`finding id not kebab-case: ${id}`);
    out[id] = { id, ...defs[id] };
  }
  return out;
}
