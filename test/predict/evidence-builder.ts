// Evidence for the pure rule tests: a clean stream (everything passes) that each case changes.
import type { DmarcPolicy } from '../../src/dmarc/types.js';
import type {
  AddressEvidence,
  DkimEvidence,
  FcrdnsEvidence,
  DkimState,
  DmarcReading,
  DomainEvidence,
  OrgDomains,
  ReceiverKind,
  StreamEvidence,
} from '../../src/predict/types.js';
import type { SpfResult } from '../../src/spf/types.js';

export const org = (psl: string | null, treeWalk = psl ?? '', treeWalkComplete = true): OrgDomains => ({ psl, treeWalk, treeWalkComplete });

export function domain(name: string, orgDomains: OrgDomains = org(name)): DomainEvidence {
  return { domain: name, presence: 'exists', nullMx: false, mx: [`mx.${name}`], orgDomains };
}

export function dkim(domainName: string, selector: string, state: DkimState = 'possible-pass', reason: string | null = null, orgDomains: OrgDomains = org(domainName)): DkimEvidence {
  const name = `${selector}._domainkey.${domainName}`;
  return {
    domain: domainName,
    selector,
    name,
    state,
    reason,
    keyType: reason === 'ed25519' ? 'ed25519' : 'rsa',
    bits: reason === 'ed25519' ? 256 : 2048,
    record: reason === 'no-key' ? null : reason === 'revoked' ? 'v=DKIM1; k=rsa; p=' : 'v=DKIM1; k=rsa; p=MIIBIjAN',
    cnamePath: [],
    orgDomains,
    detail: `${state}${reason !== null ? ` (${reason})` : ''}`,
  };
}

export function reading(receiver: ReceiverKind, record: string | null, policy: DmarcPolicy | null, options: Partial<DmarcReading> & { pct?: number; testing?: boolean; tag?: 'p' | 'sp' | 'np' | 'fallback' } = {}): DmarcReading {
  const { pct = 100, testing = false, tag = 'p', ...rest } = options;
  return {
    receiver,
    status: policy === null ? (record === null ? 'none' : 'no-policy') : 'found',
    record,
    recordDomain: record === null ? null : 'shop.example',
    inherited: false,
    policy: policy === null ? null : { tag, published: policy, pct, testing, description: `${policy} (${tag}) from _dmarc.shop.example` },
    adkim: 'r',
    aspf: 'r',
    failure: null,
    ...rest,
  };
}

/** Set the same reading for both kinds of receiver. */
export function setDmarc(s: StreamEvidence, record: string | null, policy: DmarcPolicy | null, options: Parameters<typeof reading>[3] = {}): void {
  s.dmarc.rfc7489 = reading('rfc7489', record, policy, options);
  s.dmarc.rfc9989 = reading('rfc9989', record, policy, options);
}

export function address(ip: string, spfDomain = 'shop.example', result: SpfResult | null = 'pass'): AddressEvidence & { fcrdns: FcrdnsEvidence } {
  const family = ip.includes(':') ? 6 : 4;
  const term = `${family === 4 ? 'ip4' : 'ip6'}:${ip}`;
  return {
    address: ip,
    family,
    sample: null,
    spf: {
      identity: 'mail-from',
      domain: spfDomain,
      sender: `bounce@${spfDomain}`,
      orgDomains: org(spfDomain),
      result,
      deciding: result === 'pass' ? { domain: spfDomain, term, position: 7 } : null,
      problem: null,
      lookups: 0,
      voidLookups: 0,
      record: `v=spf1 ${term} -all`,
      competing: [],
      records: [{ domain: spfDomain, text: `v=spf1 ${term} -all`, included: false }],
    },
    fcrdns: { result: 'pass', reverseName: 'reverse.arpa', ptrNames: ['mail.shop.example'], confirmedName: 'mail.shop.example', detail: 'mail.shop.example confirms' },
  };
}

/** SPF for the first address. */
export function setSpf(s: StreamEvidence, result: SpfResult, term: string | null = null, record: string | null = null): void {
  const a = s.addresses[0] as AddressEvidence;
  a.spf.result = result;
  a.spf.deciding = term === null ? null : { domain: a.spf.domain, term, position: 7 };
  if (record !== null) {
    a.spf.record = record;
    a.spf.records = [{ domain: a.spf.domain, text: record, included: false }];
  }
}

/** The clean stream: news@shop.example from 192.0.2.10, SPF pass, aligned DKIM, p=reject, FCrDNS, 1000/day. */
export function cleanStream(ip = '192.0.2.10'): StreamEvidence {
  return {
    stream: 'news',
    fromAddress: 'news@shop.example',
    from: domain('shop.example'),
    mailFromAddress: 'shop.example',
    mailFrom: domain('shop.example'),
    helo: 'mail.shop.example',
    dkim: [dkim('shop.example', 's1')],
    dmarc: {
      fromDomain: 'shop.example',
      rfc7489: reading('rfc7489', 'v=DMARC1; p=reject', 'reject'),
      rfc9989: reading('rfc9989', 'v=DMARC1; p=reject', 'reject'),
      differences: [],
    },
    volume: { gmail: 1000, outlook: 1000, yahoo: 1000, icloud: null, gmx: null, laposte: null },
    providers: null,
    addresses: [address(ip)],
    samples: null,
  };
}

/** A stream sent through an ESP with the ESP's bounce domain and d= (nothing aligned). */
export function unalignedStream(): StreamEvidence {
  const s = cleanStream();
  s.mailFromAddress = 'bounces.esp.example';
  s.mailFrom = domain('bounces.esp.example', org('esp.example'));
  const a = s.addresses[0] as AddressEvidence;
  a.spf.domain = 'bounces.esp.example';
  a.spf.orgDomains = org('esp.example');
  s.dkim = [dkim('esp.example', 'smtpapi')];
  return s;
}

export function setVolume(s: StreamEvidence, perDay: number | null): void {
  s.volume = { gmail: perDay, outlook: perDay, yahoo: perDay, icloud: null, gmx: null, laposte: null };
}
