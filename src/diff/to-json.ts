// The diff's JSON `data` (the envelope's `findings` are the introduced ones): what was compared,
// and per domain the verdicts, introduced, resolved and changed findings, the SPF delta and the
// predicted replies that change. Every field present; null when not asked for.
import { jsonFinding } from '../report/json.js';
import type { ZoneDiff, ZoneVersion } from './diff-zones.js';
import { domainLists, shownVerdicts, type Keep } from './render-text.js';

/** Where a version was read (the git ref and commit, null for the working tree) and its zones. */
function version(v: ZoneVersion): Record<string, unknown> {
  return { paths: v.paths, ref: v.ref, commit: v.commit, missing: v.missing, zones: v.zones };
}

export function diffJson(diff: ZoneDiff, keep: Keep): Record<string, unknown> {
  const domains = diff.domains.map((d) => {
    const lists = domainLists(d, keep);
    return {
      domain: d.domain,
      verdict: shownVerdicts(diff, d, keep),
      introduced: lists.introduced.map(jsonFinding),
      resolved: lists.resolved.map(jsonFinding),
      changed: d.findings.changed.filter((c) => keep(c.after)).map((c) => ({ before: jsonFinding(c.before), after: jsonFinding(c.after) })),
      unchanged: d.findings.unchanged.filter(keep).length,
      spf: d.spf,
      predictions: d.predictions,
    };
  });
  return {
    offline: diff.offline,
    base: version(diff.base),
    head: version(diff.head),
    domainsFrom: diff.domainsFrom,
    domains,
    resolved: domains.flatMap((d) => d.resolved),
  };
}
