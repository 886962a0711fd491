// The single-domain commands (spf, dmarc, dkim, mx, flatten) and the zone files of the run
// (src/zone-coverage). Offline (--zone), a domain outside every zone is not checked: the command
// reports zone-not-covered and nothing else, because its check would only print the files'
// NXDOMAIN (an SPF tree of "none", a missing DMARC record…) as if it were the truth. Its JSON is
// `{ domain, covered: false }` beside the envelope. With --overlay the check runs from the live
// DNS and overlay-not-covering comes first among its findings.
import type { CliContext, CommandResult } from '../command.js';
import { coverageFinding, isNotCovered } from '../../zone-coverage/coverage.js';
import type { Finding } from '../../findings/types.js';
import { paint } from '../../report/color.js';
import { escapeForTerminal } from '../../report/escape.js';
import { renderFindingsText } from '../../report/text.js';

export type DomainCoverage =
  /** Not checked: return this result as it is. */
  | { notCovered: CommandResult }
  /** Checked: put these findings (none, or overlay-not-covering) before the check's own. */
  | { notCovered: null; findings: Finding[] };

export function domainCoverage(ctx: CliContext, domain: string): DomainCoverage {
  const f = coverageFinding(domain, ctx.coverage);
  if (f === null) return { notCovered: null, findings: [] };
  if (!isNotCovered(f)) return { notCovered: null, findings: [f] };
  return {
    notCovered: {
      data: { domain: f.evidence.domain, covered: false },
      findings: [f],
      renderText: (shown, color) =>
        `${paint(color).bold(`${escapeForTerminal(f.evidence.domain ?? domain)}: not checked`)} (the zone files read offline do not hold it)\n\n${renderFindingsText(shown, { color })}`,
    },
  };
}
