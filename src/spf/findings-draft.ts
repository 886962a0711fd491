// What the SPF checks produce before src/spf/findings.ts turns it into a Finding with its definition.
import type { Evidence, RecordEdit, Severity } from '../findings/types.js';
import type { SpfTreeNode } from './expand-types.js';
import type { SpfFindingId } from './findings.js';

export interface SpfFindingDraft {
  id: SpfFindingId;
  message: string;
  evidence: Partial<Evidence>;
  fix: string | null;
  /** Overrides the definition's severity (e.g. an error-level wide range). */
  severity?: Severity;
  /** The fix as record edits, when it is exact (see Finding.edits). */
  edits?: RecordEdit[];
}

/** Evidence pointing into a node's record: its text, the offset, the include path, the zone file line. */
export function nodeEvidence(node: SpfTreeNode, position: number | null, path: string[] = node.path): Partial<Evidence> {
  return {
    domain: node.domain,
    record: node.record,
    position,
    path,
    file: node.source?.file ?? null,
    line: node.source?.line ?? null,
  };
}

/** `a.example > b.example > c.example` (as the text renderer shows paths) */
export function showPath(path: readonly string[]): string {
  return path.join(' > ');
}

/** " (included via a → b)" for nodes below the root, "" for the root. */
export function where(node: SpfTreeNode): string {
  return node.path.length > 1 ? ` (reached via ${showPath(node.path)})` : '';
}
