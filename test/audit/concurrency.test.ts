// Questions that do not depend on each other go out together: a resolver that holds every answer
// shows which questions are asked before any answer comes back. No timing is measured: the test
// only looks at what is pending while nothing has been answered.
import { describe, expect, it } from 'vitest';
import type { DnsAnswer, QueryOptions, Resolver, RRType } from '../../src/dns/types.js';
import { loadZoneResolver } from '../../src/dns/zone-resolver.js';
import { nameKey } from '../../src/model/names.js';
import { auditDomain } from '../../src/audit/audit-domain.js';
import { auditDomains } from '../../src/audit/audit-domains.js';

/** Holds every answer until release(); records each question as it is asked. */
class GatedResolver implements Resolver {
  readonly asked: string[] = [];
  private open = false;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly inner: Resolver) {}

  query<T extends RRType>(name: string, type: T, options?: QueryOptions): Promise<DnsAnswer<T>> {
    this.asked.push(`${nameKey(name)} ${type}`);
    if (this.open) return this.inner.query(name, type, options);
    return new Promise((resolve) => this.waiting.push(() => resolve(this.inner.query(name, type, options))));
  }

  release(): void {
    this.open = true;
    for (const go of this.waiting.splice(0)) go();
  }
}

/** Let every promise chain that can move without an answer move. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
}

describe('auditDomain asks independent questions together', () => {
  it('SPF, DMARC, DKIM, MX and reverse-DNS questions are all pending before the first answer', async () => {
    const gated = new GatedResolver(await loadZoneResolver(['fixtures/demo']));
    const audit = auditDomain('northwind.example', gated, { selectors: ['mail'], ips: ['203.0.113.10'] });
    await settle();
    const before = [...gated.asked];
    gated.release();
    const result = await audit;
    expect(before).toEqual(
      expect.arrayContaining([
        'northwind.example TXT', // SPF (RFC 7208 §4.4)
        '_dmarc.northwind.example TXT', // DMARC (RFC 7489 §6.6.3)
        'mail._domainkey.northwind.example TXT', // DKIM (RFC 6376 §3.6.2.1)
        'northwind.example MX', // MX
        '10.113.0.203.in-addr.arpa PTR', // FCrDNS (RFC 8601 §3)
      ]),
    );
    expect(result.verdict).toBe('pass');
  });

  it('auditDomains keeps at most `concurrency` domains in flight', async () => {
    const domains = ['northwind.example', 'cafe.example', 'shop.example', 'travel.example'];
    const gated = new GatedResolver(await loadZoneResolver(['fixtures/demo']));
    const run = auditDomains(domains, gated, { concurrency: 2 });
    await settle();
    const started = domains.filter((d) => gated.asked.includes(`${d} TXT`));
    gated.release();
    const audits = await run;
    expect(started).toEqual(['northwind.example', 'cafe.example']);
    expect(audits.map((a) => a.domain)).toEqual(domains);
  });

  it('domains share one cache: a provider record several domains include is asked once', async () => {
    const counting = new GatedResolver(await loadZoneResolver(['fixtures/demo']));
    counting.release();
    await auditDomains(['megacorp.example', 'clinic.example', 'cafe.example'], counting);
    const asks = counting.asked.filter((q) => q === '_spf.mailgiant.example TXT');
    expect(asks).toEqual(['_spf.mailgiant.example TXT']);
  });

  it('a domain named twice is audited once', async () => {
    const audits = await auditDomains(['Shop.Example.', 'shop.example'], await loadZoneResolver(['fixtures/demo']));
    expect(audits.map((a) => a.domain)).toEqual(['shop.example']);
  });
});
