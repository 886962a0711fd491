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
  /** The arguments of the authaudit command the fix suggests (see Finding.command). */
  command?: string[];
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

/**
 * Who gives permerror for MX hosts without addresses (RFC 7208 §4.6.4): receivers differ, so findings
 * name them. pyspf and Mail::SPF count each MX host's address lookup of the client's family; mailauth,
 * by default, a host with neither A nor AAAA records (see check-host-terms.ts).
 */
export const MX_VOID_RECEIVERS =
  "receivers that count each MX host's address lookup as a void lookup (pyspf, Mail::SPF; mailauth counts a host with no address at all)";

/** "a", "a and b", "a, b and c". */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

/** The fix for MX hosts without addresses: remove or fix them, or list the senders' addresses instead. */
export function mxVoidFix(term: string, hosts: readonly string[]): string {
  const them = hosts.length === 1 ? `the MX host ${hosts[0] ?? ''}` : `the MX hosts ${listOf(hosts)}`;
  return `Remove or fix ${them} (delete the MX records of hosts that no longer exist, or publish their addresses), or replace '${term}' by ip4/ip6 terms for the hosts that send mail.`;
}
