// Which SPF records check_host read and how it reached them (the identity's own record, a redirect
// from it, or an include), through the real modules over fixtures/predict/neutral.example.zone:
// the Gmail 5.7.24 heuristic counts '?all' only where it decides the result, and two SPF records at
// one name are fixed by merging them (RFC 7208 §4.5).
import { beforeAll, describe, expect, it } from 'vitest';
import type { ZoneResolver } from '../../src/dns/zone-resolver.js';
import { collectEvidence } from '../../src/predict/collect-evidence.js';
import { mergeSpfRecords } from '../../src/spf/edit-record.js';
import { predictStreams } from '../../src/predict/predict.js';
import type { Prediction, Reply, StreamEvidence } from '../../src/predict/types.js';
import { profileFromOptions } from '../../src/profile/from-options.js';
import { scenarioResolver } from './scenario-zones.js';

let resolver: ZoneResolver;
beforeAll(async () => {
  resolver = await scenarioResolver();
});

async function streamFrom(from: string, ip: string): Promise<StreamEvidence> {
  const [stream] = await collectEvidence([profileFromOptions({ from, ip: [ip], helo: 'mail.neutral.example' })], resolver);
  return stream as StreamEvidence;
}

const gmail = (s: StreamEvidence): Prediction => predictStreams([s]).find((p) => p.provider === 'gmail') as Prediction;
const rules = (p: Prediction): string[] => [p, ...p.also].map((r) => r.rule);

describe('the records check_host read, and how', () => {
  it('an include and a redirect: only the included record is marked included', async () => {
    const s = await streamFrom('news@neutral.example', '192.0.2.12');
    expect(s.addresses[0]?.spf.result).toBe('pass');
    expect(s.addresses[0]?.spf.records).toEqual([
      { domain: 'neutral.example', text: 'v=spf1 include:relay.neutral.example redirect=_spf.neutral.example', included: false },
      { domain: 'relay.neutral.example', text: 'v=spf1 ip4:192.0.2.11 ?all', included: true },
      { domain: '_spf.neutral.example', text: 'v=spf1 ip4:192.0.2.12 -all', included: false },
    ]);
  });

  it("'?all' ending an included record is not suspicious (it only ends the include, RFC 7208 §5.2)", async () => {
    expect(rules(gmail(await streamFrom('news@neutral.example', '192.0.2.12')))).not.toContain('gmail-spf-suspicious');
  });

  it("'?all' in the record a redirect leads to decides the result: Gmail 5.7.24 (a heuristic, so a risk)", async () => {
    const p = gmail(await streamFrom('news@open.neutral.example', '192.0.2.12'));
    const r = [p, ...p.also].find((x) => x.rule === 'gmail-spf-suspicious') as Reply;
    expect(r).toMatchObject({ code: '550', enhanced: '5.7.24', certainty: 'risk' });
    expect(r.fixRecords[0]).toMatchObject({ action: 'change', name: '_spf2.neutral.example', current: 'v=spf1 ip4:192.0.2.12 ?all', value: 'v=spf1 ip4:192.0.2.12 ~all' });
  });
});

describe('two SPF records at one name (RFC 7208 §4.5)', () => {
  it('the evidence keeps both records, and the fix merges them into one and removes the other', async () => {
    const s = await streamFrom('news@two.neutral.example', '192.0.2.40');
    const spf = s.addresses[0]?.spf;
    expect(spf).toMatchObject({ result: 'permerror', record: null, competing: ['v=spf1 ip4:192.0.2.13 -all', 'v=spf1 include:relay.neutral.example ~all'] });
    const r = [gmail(s), ...gmail(s).also].find((x) => x.rule === 'gmail-unauthenticated') as Reply;
    expect(r.fixGroups[0]).toEqual([
      expect.objectContaining({ action: 'change', name: 'two.neutral.example', current: 'v=spf1 ip4:192.0.2.13 -all', value: 'v=spf1 ip4:192.0.2.40 ip4:192.0.2.13 include:relay.neutral.example -all' }),
      expect.objectContaining({ action: 'remove', name: 'two.neutral.example', current: 'v=spf1 include:relay.neutral.example ~all' }),
    ]);
  });

  it.each([
    ['keeps the first all and adds the address first', ['v=spf1 a -all', 'v=spf1 mx ~all'], 'ip4:192.0.2.1', 'v=spf1 ip4:192.0.2.1 a mx -all'],
    ['does not list the address or a term twice', ['v=spf1 ip4:192.0.2.1 mx -all', 'v=spf1 MX ~all'], 'ip4:192.0.2.1', 'v=spf1 ip4:192.0.2.1 mx -all'],
    ['a record without all takes the other one', ['v=spf1 a', 'v=spf1 mx ~all'], 'ip4:192.0.2.1', 'v=spf1 ip4:192.0.2.1 a mx ~all'],
    ['a redirect cannot be merged term by term', ['v=spf1 redirect=_spf.x.example', 'v=spf1 mx ~all'], 'ip4:192.0.2.1', null],
  ] as const)('merging %s', (_name, records, mech, merged) => {
    expect(mergeSpfRecords(records, mech)).toBe(merged);
  });
});
