// The domains whose mail records a plan touches: MX anywhere, TXT at a zone apex, an SPF record
// (RFC 7208 §4.5: TXT starting `v=spf1`) at any name, or a record at `_dmarc.D`, `S._domainkey.D`, `_mta-sts.D`,
// `_smtp._tls.D` or `S._bimi.D` (the domain D).
import { joinTxt } from '../model/txt.js';
import type { PlanSide, TerraformPlan } from '../zone-formats/terraform/read-plan.js';

const MAIL_LABELS = /^(?:_dmarc|[^.]+(?:\.[^.]+)*\._domainkey|_mta-sts|_smtp\._tls|[^.]+\._bimi)\.(.+)$/i;

export function planMailDomains(plan: TerraformPlan): string[] {
  const out = new Set<string>();
  for (const c of plan.changes) {
    for (const side of [c.before, c.after]) {
      if (side === null) continue;
      const name = side.name.toLowerCase();
      const below = MAIL_LABELS.exec(name);
      if (below !== null) out.add(below[1] as string);
      else if (side.type === 'MX' || side.type === 'SPF' || (side.type === 'TXT' && (name === side.zone || holdsSpf(side)))) out.add(name);
    }
  }
  return [...out].sort();
}

function holdsSpf(side: PlanSide): boolean {
  return side.records.some((r) => r.type === 'TXT' && 'strings' in r && /^v=spf1(\s|$)/i.test(joinTxt(r.strings)));
}
