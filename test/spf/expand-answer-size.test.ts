import { describe, expect, it } from 'vitest';
import dnsPacket from 'dns-packet';
import { nameWireLength, txtAnswerSize } from '../../src/spf/answer-size.js';
import type { TXTRecord } from '../../src/dns/types.js';
import { latin1ToBytes } from '../../src/model/txt.js';

const txt = (name: string, ...strings: string[]): TXTRecord => ({ type: 'TXT', name, ttl: 300, strings: strings.map(latin1ToBytes) });

describe('TXT answer size (RFC 7208 §3.4, RFC 1035 §4.1)', () => {
  it('counts a name’s wire length with its length octets and the root', () => {
    expect(nameWireLength('example.com')).toBe(13);
    expect(nameWireLength('')).toBe(1);
  });

  it('matches dns-packet’s encoding once its uncompressed owner names are replaced by pointers', () => {
    const records = [txt('example.com', 'v=spf1 ip4:192.0.2.0/24 -all'), txt('example.com', 'a'.repeat(255), 'b'.repeat(40))];
    const encoded = dnsPacket.encode({
      type: 'response',
      id: 1,
      questions: [{ type: 'TXT', name: 'example.com' }],
      answers: records.map((r) => ({ type: 'TXT', name: r.name, ttl: r.ttl, data: r.strings.map((s) => Buffer.from(s)) })),
    });
    const ownerSavings = records.length * (nameWireLength('example.com') - 2);
    expect(txtAnswerSize('example.com', records)).toBe(encoded.length - ownerSavings);
  });

  it('adds each CNAME followed on the way', () => {
    const records = [txt('spf.provider.example', 'v=spf1 -all')];
    const withChain = txtAnswerSize('example.com', records, [{ name: 'example.com', target: 'spf.provider.example', ttl: 60 }]);
    expect(withChain - txtAnswerSize('example.com', records)).toBe(2 + 10 + nameWireLength('spf.provider.example'));
  });
});
