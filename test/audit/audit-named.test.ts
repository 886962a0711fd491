// auditNamedDomains: the domains a user names, judged against the zone files first. Offline a
// domain outside them gets a short entry holding only zone-not-covered; covered domains get the
// same audit auditDomains gives; with an overlay, overlay-not-covering comes first.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadZoneResolver, type ZoneResolver } from '../../src/dns/zone-resolver.js';
import { auditDomains } from '../../src/audit/audit-domains.js';
import { auditNamedDomains } from '../../src/audit/audit-named.js';
import { auditJson } from '../../src/audit/to-json.js';
import { renderAuditText } from '../../src/audit/render-text.js';
import { renderAuditMarkdown } from '../../src/audit/render-markdown.js';
import { isUnaudited, type AuditEntry } from '../../src/audit/types.js';
import type { Resolver } from '../../src/dns/types.js';

let demo: ZoneResolver;
beforeAll(async () => {
  demo = await loadZoneResolver(['fixtures/demo']);
});

/** A resolver that records every name asked. */
function recording(inner: Resolver): { resolver: Resolver; asked: string[] } {
  const asked: string[] = [];
  return { asked, resolver: { query: (name, type, options) => (asked.push(name), inner.query(name, type, options)) } };
}

describe('auditNamedDomains offline', () => {
  it('a domain outside every zone is not audited: one finding, not a question asked about it', async () => {
    const { resolver, asked } = recording(demo);
    const progress: string[] = [];
    const entries = await auditNamedDomains(['nowhere.example', 'shop.example', 'NOWHERE.example'], resolver, {
      coverage: { mode: 'offline', zones: demo, given: '--zone', liveHint: 'use --overlay' },
      onProgress: (p) => progress.push(`${p.done}/${p.total} ${p.domain}`),
    });
    expect(entries.map((e) => e.domain)).toEqual(['nowhere.example', 'shop.example']);
    const [outside, shop] = entries as [AuditEntry, AuditEntry];
    expect(isUnaudited(outside)).toBe(true);
    expect(outside.findings.map((f) => f.id)).toEqual(['zone-not-covered']);
    expect(outside.verdict).toBe('fail');
    expect(outside.summary).toEqual({ error: 1, warning: 0, info: 0 });
    expect(asked.some((n) => n.endsWith('nowhere.example'))).toBe(false);
    expect(progress).toEqual(['1/2 nowhere.example', '2/2 shop.example']);
    // the covered domain: exactly what auditDomains gives
    const [plain] = await auditDomains(['shop.example'], demo);
    expect(isUnaudited(shop)).toBe(false);
    expect(auditJson([shop])).toEqual(auditJson([plain!]));
  });

  it('the reports: a short entry with every field, null checks, in text, JSON and Markdown', async () => {
    const entries = await auditNamedDomains(['nowhere.example'], demo, { coverage: { mode: 'offline', zones: demo, given: '--zone', liveHint: 'use --overlay' } });
    const json = auditJson(entries) as { domains: Array<Record<string, unknown>> };
    expect(json.domains[0]).toMatchObject({ domain: 'nowhere.example', verdict: 'fail', spf: null, dmarc: null, dkim: null, mx: null, ptr: [], profiles: null, predictions: null });
    const text = renderAuditText(entries, entries[0]!.findings, false);
    expect(text).toContain('not audited');
    expect(text).not.toContain('SPF    ');
    expect(renderAuditMarkdown(entries, entries[0]!.findings)).toContain('| `nowhere.example` | **FAIL** | 1 | 0 | 0 | not audited | not audited |');
    // with the finding ignored the entry passes, and still says it was not audited
    expect(renderAuditText(entries, [], false)).toMatch(/PASS[\s\S]*not audited/);
  });

  it('names visited by the checks (includes, MX hosts) are never judged, even outside the files', async () => {
    const alone = await loadZoneResolver(['fixtures/demo/megacorp.example.zone']);
    const [megacorp] = await auditNamedDomains(['megacorp.example'], alone, { coverage: { mode: 'offline', zones: alone, given: '--zone', liveHint: 'use --overlay' } });
    expect(megacorp!.findings.some((f) => f.id === 'zone-not-covered')).toBe(false);
    expect(isUnaudited(megacorp!)).toBe(false);
  });
});

describe('auditNamedDomains with an overlay', () => {
  it('a domain outside the overlay is audited in full, overlay-not-covering first', async () => {
    const shop = await loadZoneResolver(['fixtures/demo/shop.example.zone']);
    const [northwind] = await auditNamedDomains(['northwind.example'], demo, { coverage: { mode: 'overlay', zones: shop, given: '--overlay' } });
    const [plain] = await auditDomains(['northwind.example'], demo);
    expect(isUnaudited(northwind!)).toBe(false);
    expect(northwind!.findings.map((f) => f.id)).toEqual(['overlay-not-covering', ...plain!.findings.map((f) => f.id)]);
    expect(northwind!.summary.info).toBe(plain!.summary.info + 1);
    expect(northwind!.verdict).toBe(plain!.verdict);
  });
});
