// Each DNS-as-code reader agrees with the master-file reader record for record: the fixtures under
// fixtures/dns-as-code hold the same records twice, once in the format and once as a BIND zone file,
// and the two must give the same answers (every record, its TTL and RDATA; sources aside).
import { describe, expect, it } from 'vitest';
import { loadZoneResolver, type ZoneResolver } from '../../src/dns/zone-resolver.js';
import { bytesToLatin1 } from '../../src/model/txt.js';

const DIR = 'fixtures/dns-as-code';

async function contents(path: string): Promise<string[]> {
  const zone: ZoneResolver = await loadZoneResolver([path]);
  const typed = zone.records().map((r) => {
    const { source: _source, ...rest } = r;
    return JSON.stringify(rest, (_k, v: unknown) => (v instanceof Uint8Array ? bytesToLatin1(v) : v));
  });
  const others = zone.otherRecords().map((r) => `${r.name} ${r.ttl} ${r.type} ${r.rdata}`);
  return [...typed, ...others].sort();
}

describe('the readers agree with the zone-file reader', () => {
  it('octoDNS YAML', async () => {
    const yaml = await contents(`${DIR}/octodns/octo.example.yaml`);
    expect(yaml.length).toBeGreaterThan(15);
    expect(yaml).toEqual(await contents(`${DIR}/octodns-bind/octo.example.zone`));
  });

  it('dnscontrol IR, v3 (txtstrings) and v4 (target)', async () => {
    const bind = await contents(`${DIR}/dnscontrol-bind/control.example.zone`);
    expect(bind.length).toBe(8);
    expect(await contents(`${DIR}/dnscontrol/ir-v3.json`)).toEqual(bind);
    expect(await contents(`${DIR}/dnscontrol/ir-v4.json`)).toEqual(bind);
  });

  it("a Terraform plan's after values", async () => {
    expect(await contents(`${DIR}/terraform/plan.json`)).toEqual(await contents(`example=${DIR}/terraform-bind/after.zone`));
  });
});
