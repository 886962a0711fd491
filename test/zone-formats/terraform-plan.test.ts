// Terraform/OpenTofu plan JSON: the record resources of each provider, before and after, unknown
// values, zone names, and the plan laid over other DNS RRset by RRset.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planOverlay } from '../../src/dns/plan-overlay.js';
import { ZoneResolver } from '../../src/dns/zone-resolver.js';
import type { DnsRecord } from '../../src/model/records.js';
import { joinTxt } from '../../src/model/txt.js';
import { readTerraformPlan, type TerraformPlan } from '../../src/zone-formats/terraform/read-plan.js';
import { ZoneFileError } from '../../src/zone/zone-file-error.js';

const FIXTURE = 'fixtures/dns-as-code/terraform/plan.json';
const fixture = (): TerraformPlan => readTerraformPlan(readFileSync(FIXTURE, 'utf8'), FIXTURE, null);

function plan(changes: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ format_version: '1.2', resource_changes: changes, ...extra }, null, 2);
}
function change(type: string, actions: string[], before: unknown, after: unknown, afterUnknown: unknown = {}): unknown {
  return { address: `${type}.r`, mode: 'managed', type, name: 'r', change: { actions, before, after, after_unknown: afterUnknown } };
}
const failure = (text: string, fallback: string | null = null): string => {
  try {
    readTerraformPlan(text, 'plan.json', fallback);
  } catch (err) {
    if (err instanceof ZoneFileError) return err.message;
    throw err;
  }
  throw new Error('no error');
};
const txt = (records: readonly unknown[]): string[] => (records as DnsRecord[]).map((r) => (r.type === 'TXT' ? joinTxt(r.strings) : r.type));

describe('reading a plan', () => {
  it('reads create, update, delete and replace with their before and after records', () => {
    const p = fixture();
    const by = new Map(p.changes.map((c) => [c.address, c]));
    expect(p.zones).toEqual(['cf.example', 'tf.example']);
    expect(by.get('aws_route53_record.dmarc')?.actions).toEqual(['update']);
    expect(txt(by.get('aws_route53_record.dmarc')?.before?.records ?? [])).toEqual(['v=DMARC1; p=reject; rua=mailto:dmarc@tf.example']);
    expect(txt(by.get('aws_route53_record.dmarc')?.after?.records ?? [])).toEqual(['v=DMARC1; p=none; rua=mailto:dmarc@tf.example']);
    expect(by.get('aws_route53_record.mx')?.actions).toEqual(['delete', 'create']);
    expect(by.get('aws_route53_record.mx1')?.after).toBeNull();
    expect(by.get('aws_route53_record.mx2')?.before).toBeNull();
    expect(by.get('cloudflare_record.spf')?.after).toMatchObject({ name: 'cf.example', type: 'TXT', unknown: true, records: [] });
    expect(by.has('aws_s3_bucket.reports')).toBe(false);
    expect(p.notes).toEqual([`${FIXTURE}: 1 resources that are not DNS records passed over`]);
  });

  it("keeps Route 53's \"\" splits as separate strings", () => {
    const dkim = fixture().changes.find((c) => c.address === 'aws_route53_record.dkim');
    const record = dkim?.after?.records[0] as DnsRecord & { strings: Uint8Array[] };
    expect(record.strings.map((s) => s.length)).toEqual([255, 155]);
    expect(joinTxt(record.strings)).toMatch(/^v=DKIM1; k=rsa; p=MIIB.*IDAQAB$/);
  });

  it('reads Google rrdatas in presentation form, azurerm record blocks and DigitalOcean values', () => {
    const text = plan([
      change('google_dns_record_set', ['create'], null, { managed_zone: 'main', name: 'g.example.', type: 'TXT', ttl: 60, rrdatas: ['"v=spf1" " -all"'] }),
      change('azurerm_dns_mx_record', ['create'], null, { zone_name: 'a.example', name: '@', ttl: 60, record: [{ preference: 5, exchange: 'mx.a.example' }] }),
      change('digitalocean_record', ['create'], null, { domain: 'd.example', name: '_dmarc', type: 'TXT', value: 'v=DMARC1; p=reject', ttl: 60 }),
    ], { prior_state: { values: { root_module: { resources: [{ type: 'google_dns_managed_zone', values: { name: 'main', dns_name: 'g.example.' } }] } } } });
    const p = readTerraformPlan(text, 'plan.json', null);
    const [g, a, d] = p.changes.map((c) => c.after?.records[0] as DnsRecord);
    expect(g?.type === 'TXT' && g.strings.map((s) => Buffer.from(s).toString())).toEqual(['v=spf1', ' -all']);
    expect(a).toMatchObject({ name: 'a.example', type: 'MX', preference: 5, exchange: 'mx.a.example' });
    expect(d?.name).toBe('_dmarc.d.example');
    expect(p.changes.map((c) => c.owns)).toEqual(['rrset', 'rrset', 'record']);
  });

  it('names the resource and the line when a value is wrong', () => {
    const text = plan([change('aws_route53_record', ['create'], null, { zone_id: 'Z1', name: 'x.example', type: 'A', ttl: 60, records: ['192.0.2.300'] })], {
      prior_state: { values: { root_module: { resources: [{ type: 'aws_route53_zone', values: { zone_id: 'Z1', name: 'example' } }] } } },
    });
    expect(failure(text)).toBe("plan.json:4:5: aws_route53_record.r: bad IPv4 address '192.0.2.300': expected a dotted quad like 192.0.2.1");
  });

  it('a zone id the plan does not name needs NAME=plan.json', () => {
    const text = plan([change('cloudflare_record', ['create'], null, { zone_id: 'abc', name: 'www', type: 'A', content: '192.0.2.1' })]);
    expect(failure(text)).toBe("plan.json:4:5: cloudflare_record.r: zone id 'abc' is not named by any zone resource or data source in the plan: name it with NAME=plan.json (e.g. example.com=plan.json)");
    expect(readTerraformPlan(text, 'plan.json', 'example.com').changes[0]?.after?.name).toBe('www.example.com');
  });

  it('a plan that changes nothing (no resource_changes, only planned_values) has no records', () => {
    const p = readTerraformPlan(JSON.stringify({ format_version: '1.2', planned_values: { root_module: {} } }), 'plan.json', null);
    expect(p.changes).toEqual([]);
  });

  it('refuses another major format_version, and JSON that is no plan', () => {
    expect(failure(plan([]).replace('"1.2"', '"2.0"'))).toBe('plan.json:2:21: $.format_version: format_version 2.0: authaudit reads plans of format 1.x (Terraform 1.x, OpenTofu)');
    expect(failure('{\n  "format_version": "1.2",\n  "resource_changes": [\n')).toMatch(/^plan\.json:4:1: invalid JSON: /);
  });
});

describe('a plan laid over other DNS', () => {
  const below = ZoneResolver.fromText(
    ['$TTL 300', '@ SOA ns h 1 2 3 4 300', '@ TXT "v=spf1 -all"', '@ TXT "unmanaged=keep"', '_dmarc TXT "v=DMARC1; p=reject"', '_dmarc TXT "stray"'].join('\n'),
    { origin: 'o.example' },
  );
  const over = (changes: unknown[]) => planOverlay(readTerraformPlan(plan(changes), 'plan.json', 'o.example').changes, below);

  it('a resource owning one record changes that record and keeps the unmanaged ones', async () => {
    const r = over([change('cloudflare_record', ['update'], { zone_id: 'z', name: '@', type: 'TXT', content: 'v=spf1 -all' }, { zone_id: 'z', name: '@', type: 'TXT', content: 'v=spf1 ip4:192.0.2.1 -all' })]);
    const answer = await r.query('o.example', 'TXT');
    expect(answer.kind === 'records' && txt(answer.records)).toEqual(['unmanaged=keep', 'v=spf1 ip4:192.0.2.1 -all']);
  });

  it('a resource owning the RRset replaces all of it', async () => {
    const r = over([change('aws_route53_record', ['update'], null, { zone_id: 'z', name: '_dmarc.o.example', type: 'TXT', ttl: 60, records: ['v=DMARC1; p=none'] })]);
    const answer = await r.query('_dmarc.o.example', 'TXT');
    expect(answer.kind === 'records' && txt(answer.records)).toEqual(['v=DMARC1; p=none']);
  });

  it('a deleted RRset is no data; a value known only after apply is a failure naming the resource', async () => {
    const r = over([
      change('aws_route53_record', ['delete'], { zone_id: 'z', name: '_dmarc.o.example', type: 'TXT', ttl: 60, records: ['v=DMARC1; p=reject', 'stray'] }, null),
      change('cloudflare_record', ['create'], null, { zone_id: 'z', name: '@', type: 'TXT', content: null }, { content: true }),
    ]);
    expect((await r.query('_dmarc.o.example', 'TXT')).kind).toBe('nodata');
    expect(await r.query('o.example', 'TXT')).toMatchObject({ kind: 'failure', detail: 'o.example TXT: the value of cloudflare_record.r is known only after apply' });
    expect((await r.query('o.example', 'SOA')).kind).toBe('records');
  });

  it('a name the plan creates makes the names above it exist (no NXDOMAIN for _domainkey)', async () => {
    const r = over([change('aws_route53_record', ['create'], null, { zone_id: 'z', name: 's1._domainkey.o.example', type: 'TXT', ttl: 60, records: ['v=DKIM1; p='] })]);
    expect((await r.query('_domainkey.o.example', 'TXT')).kind).toBe('nodata');
    expect((await below.query('_domainkey.o.example', 'TXT')).kind).toBe('nxdomain');
  });
});
