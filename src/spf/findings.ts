// Every SPF finding id, once, and spfFindings(): what an expanded tree (expand.ts) tells a domain owner.
// Each finding cites the rule, points at the record, position and include path, and says what to change.
import { defineFindings, finding, withEdits, type Finding } from '../findings/types.js';
import { withCommand, type WorldArgs } from '../findings/suggested-command.js';
import type { SpfExpansion } from './expand-types.js';
import { walkTree } from './expand-walk.js';
import { recordFindings } from './findings-record.js';
import { treeFindings } from './findings-tree.js';
import { addressForeignFix } from './foreign-record-fix.js';
import { RFC7208_LIMITS } from './limits.js';

const { lookups: LOOKUPS, voidLookups: VOIDS, mxNames: MX_NAMES } = RFC7208_LIMITS;

export const SPF_FINDINGS = defineFindings({
  'spf-none': { severity: 'error', title: 'No SPF record', rule: 'RFC 7208 §4.5' },
  'spf-multiple-records': { severity: 'error', title: 'More than one SPF record', rule: 'RFC 7208 §4.5' },
  'spf-type99-record': { severity: 'info', title: 'SPF (type 99) record still published', rule: 'RFC 7208 §3.1' },
  'spf-syntax-error': { severity: 'error', title: 'SPF record syntax error', rule: 'RFC 7208 §4.6' },
  'spf-too-many-lookups': { severity: 'error', title: `More than ${LOOKUPS} DNS lookups`, rule: 'RFC 7208 §4.6.4' },
  'spf-lookups-near-limit': { severity: 'warning', title: `${LOOKUPS - 1} or ${LOOKUPS} DNS lookups: one change from failing`, rule: 'RFC 7208 §4.6.4' },
  'spf-too-many-void-lookups': { severity: 'error', title: `More than ${VOIDS} void lookups`, rule: 'RFC 7208 §4.6.4' },
  'spf-void-lookups-one-family': { severity: 'warning', title: `More than ${VOIDS} void lookups for IPv4 or IPv6 clients`, rule: 'RFC 7208 §4.6.4, §5.3, §5.4' },
  'spf-void-lookup': { severity: 'info', title: 'Term names a host or domain with no records', rule: 'RFC 7208 §4.6.4' },
  'spf-include-loop': { severity: 'error', title: 'Include/redirect loop', rule: 'RFC 7208 §4.6.4, §5.2' },
  'spf-include-without-spf': { severity: 'error', title: 'Include or redirect target has no SPF record', rule: 'RFC 7208 §5.2, §6.1' },
  'spf-duplicate-include': { severity: 'warning', title: 'Domain included more than once', rule: 'RFC 7208 §4.6.4' },
  'spf-plus-all': { severity: 'error', title: '+all authorizes every host on the internet', rule: 'RFC 7208 §5.1' },
  'spf-neutral-all': { severity: 'warning', title: '?all asserts nothing about other hosts', rule: 'RFC 7208 §5.1, §8.2' },
  'spf-no-all': { severity: 'warning', title: 'No all and no redirect: the default is neutral', rule: 'RFC 7208 §4.7' },
  'spf-ptr': { severity: 'warning', title: 'ptr mechanism used', rule: 'RFC 7208 §5.5' },
  'spf-wide-range': { severity: 'warning', title: 'Very wide address range authorized', rule: 'RFC 7208 §5.6' },
  'spf-terms-after-all': { severity: 'warning', title: 'Terms after all are never evaluated', rule: 'RFC 7208 §5.1' },
  'spf-redirect-with-all': { severity: 'warning', title: 'redirect is ignored because all is present', rule: 'RFC 7208 §6.1' },
  'spf-string-too-long': { severity: 'error', title: 'TXT character-string over 255 bytes', rule: 'RFC 1035 §3.3.14, RFC 7208 §3.3' },
  'spf-record-too-large': { severity: 'warning', title: 'TXT answer over 512 bytes', rule: 'RFC 7208 §3.4' },
  'spf-dns-failure': { severity: 'error', title: 'DNS failure while expanding SPF', rule: 'RFC 7208 §4.4' },
  'spf-mx-too-many-names': { severity: 'error', title: `mx names more than ${MX_NAMES} hosts`, rule: 'RFC 7208 §4.6.4' },
  'spf-macro-not-followed': { severity: 'info', title: 'Terms with macros depend on the message', rule: 'RFC 7208 §7' },
  'spf-expansion-truncated': { severity: 'warning', title: 'Include tree too large to expand fully', rule: 'RFC 7208 §4.6.4' },
});

export type SpfFindingId = keyof typeof SPF_FINDINGS;

export { WIDE_RANGE } from './findings-wide-range.js';

/**
 * Every SPF finding for the expanded tree of one domain: tree-wide ones first, then per record in
 * tree order. `world` are the options the commands the fixes suggest carry (the run's `--zone`, …).
 */
export function spfFindings(tree: SpfExpansion, world: WorldArgs = []): Finding[] {
  const visits = walkTree(tree.root);
  const drafts = [...treeFindings(tree, visits), ...visits.flatMap((v) => recordFindings(v, tree.lookups.voidLimit))];
  return drafts.map((draft) => addressForeignFix(draft, tree.domain)).map((d) => {
    const f = withEdits(finding(SPF_FINDINGS[d.id], d.message, d.evidence, d.fix, d.severity ?? SPF_FINDINGS[d.id].severity), d.edits ?? []);
    return d.command ? withCommand(f, d.command, world) : f;
  });
}
