// The DNS change that fixes each rule, as a record to add or change. Values in <angle brackets> are
// what only the sender knows (its public key, its mail server); everything else comes from the evidence.
import { nameKey } from '../model/names.js';
import { removeDkimTag, withoutKeyFlag } from '../dkim/edit-record.js';
import { setDmarcTag, withValidDmarcPolicy } from '../dmarc/edit-record.js';
import { parseDmarcRecord } from '../dmarc/parse-record.js';
import { parseSpfRecord } from '../spf/parse.js';
import { mergeSpfRecords, withTermFirst, withTermReplaced } from '../spf/edit-record.js';
import { RFC7208_LIMITS } from '../spf/limits.js';
import type { Facts } from './facts.js';
import { describeRecordEdit } from './record-edit.js';
import type { AddressEvidence, DkimEvidence, DnsFix, DomainEvidence, StreamEvidence } from './types.js';

const quote = (text: string): string => `"${text}"`;

/**
 * One line for people: `add TXT at _dmarc.x: "v=DMARC1; p=none"`. A change to a record shows only
 * the terms that change when that is short, so a long SPF record is not printed twice
 * (`fixRecords` keep both whole records).
 */
export function formatFix(fix: DnsFix): string {
  switch (fix.action) {
    case 'add':
      return `add ${fix.type ?? ''} at ${fix.name ?? '?'}${fix.value !== null ? `: ${quote(fix.value)}` : ''} (${fix.description})`;
    case 'change': {
      const edit = fix.current !== null && fix.value !== null ? describeRecordEdit(fix.current, fix.value) : null;
      if (edit !== null) return `in ${fix.type ?? ''} at ${fix.name ?? '?'}: ${edit} (${fix.description})`;
      return `change ${fix.type ?? ''} at ${fix.name ?? '?'}${fix.current !== null ? ` from ${quote(fix.current)}` : ''}${fix.value !== null ? ` to ${quote(fix.value)}` : ''} (${fix.description})`;
    }
    case 'remove':
      return `remove ${fix.type ?? ''} at ${fix.name ?? '?'}${fix.current !== null ? `: ${quote(fix.current)}` : ''} (${fix.description})`;
    case 'configure':
      return fix.description;
  }
}

/** Several fixes as one line: `all` must be done, `any` one of them is enough. */
export function joinFixes(fixes: readonly DnsFix[], mode: 'all' | 'any'): string | null {
  if (fixes.length === 0) return null;
  return fixes.map(formatFix).join(mode === 'any' ? '; or ' : '; and ');
}

/** Alternatives as one line: the fixes of a group joined by "and", the groups by "or". */
export function joinFixGroups(groups: readonly (readonly DnsFix[])[]): string | null {
  const lines = groups.filter((g) => g.length > 0).map((g) => joinFixes(g, 'all') as string);
  return lines.length === 0 ? null : lines.join('; or ');
}

/** The SPF mechanism that matches exactly one sending address (a placeholder when none is known). */
export function addressMechanism(address: AddressEvidence): string {
  if (address.address === null) return 'ip4:<sending-address>';
  return `${address.family === 4 ? 'ip4' : 'ip6'}:${address.address}`;
}

function mergeFixes(name: string, records: readonly string[], mech: string): DnsFix[] {
  const merged = mergeSpfRecords(records, mech);
  const [first, ...others] = records;
  if (merged === null || first === undefined) {
    return [{ action: 'change', name, type: 'TXT', current: null, value: null, description: `publish exactly one SPF record at ${name} (RFC 7208 §4.5): merge the ${records.length} records into one and add ${mech}` }];
  }
  return [
    { action: 'change', name, type: 'TXT', current: first, value: merged, description: `${name} publishes ${records.length} SPF records, which is a permerror (RFC 7208 §4.5): merge them into this one (and keep it within the ${RFC7208_LIMITS.lookups} DNS lookups of RFC 7208 §4.6.4)` },
    ...others.map((current): DnsFix => ({ action: 'remove', name, type: 'TXT', current, value: null, description: 'merged into the record above' })),
  ];
}

/** Make SPF pass for this address at its identity domain. Empty when it passes already. */
export function spfFixes(address: AddressEvidence): DnsFix[] {
  const spf = address.spf;
  const mech = addressMechanism(address);
  const name = spf.domain;
  switch (spf.result) {
    case 'pass':
    case null: // no address, and SPF depends on it: nothing proven to fix
      return [];
    case 'temperror':
      return [
        {
          action: 'configure',
          name: null,
          type: null,
          current: null,
          value: null,
          description: `make the name servers for ${spf.problem?.domain ?? name} answer: ${spf.problem?.message ?? 'the SPF evaluation failed temporarily'} (RFC 7208 §4.4)`,
        },
      ];
    case 'none':
      return [
        {
          action: 'add',
          name,
          type: 'TXT',
          current: null,
          value: `v=spf1 ${mech} ~all`,
          description: `${name} has no SPF record (RFC 7208 §4.5); list every other service that sends as ${name} before tightening ~all to -all`,
        },
      ];
    default:
      break;
  }
  if (spf.competing.length > 1) return mergeFixes(name, spf.competing, mech);
  if (spf.problem?.rule === 'RFC 7208 §4.5' || spf.record === null) {
    return [
      {
        action: 'change',
        name,
        type: 'TXT',
        current: null,
        value: null,
        description: `publish exactly one SPF record at ${name} (RFC 7208 §4.5): merge the records into one and add ${mech}`,
      },
    ];
  }
  const parsed = parseSpfRecord(spf.record);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    return [
      {
        action: 'change',
        name,
        type: 'TXT',
        current: spf.record,
        value: null,
        description: `correct the syntax error at position ${first?.position ?? 0} (${first?.message ?? 'syntax error'}, ${first?.rule ?? 'RFC 7208 §4.6'}) and add ${mech}`,
      },
    ];
  }
  const why =
    spf.result === 'permerror' && spf.problem !== null
      ? `${mech} matches before any lookup; other addresses still get permerror until the record is repaired (${spf.problem.rule})${spf.problem.rule === 'RFC 7208 §4.6.4' ? ': remove lookups or flatten it' : ''}`
      : `${spf.result} came from ${spf.deciding !== null ? `'${spf.deciding.term}' in the record of ${spf.deciding.domain}` : 'no matching term'}; ${mech} authorizes the address`;
  return [{ action: 'change', name, type: 'TXT', current: spf.record, value: withTermFirst(spf.record, mech), description: why }];
}

const KEY_VALUE = 'v=DKIM1; k=rsa; p=<public key of the signing key>';
const NEW_KEY_VALUE = 'v=DKIM1; k=rsa; p=<2048-bit RSA public key>';

/** Make one signature verify. Empty when DNS shows nothing to change. */
export function dkimSignatureFixes(sig: DkimEvidence): DnsFix[] {
  const base = { name: sig.name, type: 'TXT' as const, current: sig.record };
  switch (sig.state) {
    case 'possible-pass':
      return [];
    case 'temperror':
      return [{ action: 'configure', name: null, type: null, current: null, value: null, description: `make the name servers for ${sig.name} answer (the key lookup failed temporarily, RFC 6376 §6.1.2)` }];
    case 'unverified-by-providers':
      return [
        { action: 'add', name: `<rsa-selector>._domainkey.${sig.domain}`, type: 'TXT', current: null, value: NEW_KEY_VALUE, description: `publish an RSA key under a second selector and sign with both: Gmail, Microsoft and Yahoo do not reliably verify Ed25519 (RFC 8463)` },
      ];
    case 'risk':
      if (sig.reason === 'testing' && sig.record !== null) {
        return [{ action: 'change', ...base, value: withoutKeyFlag(sig.record, 'y'), description: 'remove t=y: verifiers may treat signatures with a testing key as unsigned (RFC 6376 §3.6.1)' }];
      }
      return [{ action: 'change', ...base, value: KEY_VALUE, description: `keep exactly one key record at ${sig.name} (RFC 6376 §6.1.2)` }];
    case 'proven-failure':
      break;
  }
  switch (sig.reason) {
    case 'no-key':
      return [{ action: 'add', ...base, current: null, value: KEY_VALUE, description: `no key at ${sig.name}${sig.cnamePath.length > 0 ? ` (CNAME to ${sig.cnamePath[sig.cnamePath.length - 1] ?? ''})` : ''}: publish the signing key's public half (RFC 6376 §3.6.2.1)` }];
    case 'revoked':
      return [{ action: 'change', ...base, value: KEY_VALUE, description: `the key is revoked (empty p=, RFC 6376 §3.6.1): publish the current key, or sign with a selector that has one` }];
    case 'rsa-too-short':
      return [{ action: 'add', name: `<new-selector>._domainkey.${sig.domain}`, type: 'TXT', current: null, value: NEW_KEY_VALUE, description: `a ${sig.bits ?? '?'}-bit RSA key never verifies (RFC 8301 §3.2): sign with a 2048-bit key under a new selector` }];
    case 'sha1-only':
      return sig.record === null ? [] : [{ action: 'change', ...base, value: removeDkimTag(sig.record, 'h'), description: 'h=sha1 alone never verifies (RFC 8301 §3.1): drop h= and sign with rsa-sha256' }];
    default:
      return [{ action: 'change', ...base, value: KEY_VALUE, description: `the key record cannot verify any signature (${sig.reason ?? 'unusable'}): publish a valid key (RFC 6376 §3.6.1)` }];
  }
}

/** Sign with d=<From domain>: the record to publish and the signing change. */
export function signAsFromFixes(stream: StreamEvidence): DnsFix[] {
  const from = stream.from.domain;
  return [
    { action: 'add', name: `<selector>._domainkey.${from}`, type: 'TXT', current: null, value: NEW_KEY_VALUE, description: `sign with d=${from} at the sending service and publish its key (or the CNAME the service gives)` },
  ];
}

/** Make some DKIM signature pass (any d=): fix the first failing signature, or start signing. */
export function dkimFixes(stream: StreamEvidence, facts: Facts): DnsFix[] {
  const ordered = [...facts.signatures].sort((a, b) => Number(b.aligned === true) - Number(a.aligned === true));
  for (const s of ordered) {
    const fixes = dkimSignatureFixes(s.signature);
    if (fixes.length > 0) return fixes;
  }
  return stream.dkim.length === 0 ? signAsFromFixes(stream) : [];
}

/**
 * Make DMARC pass, as alternatives (any one is enough): relax strict alignment where a passing
 * identifier is only strictly unaligned, repair or start an aligned DKIM signature, or move the
 * MAIL FROM under the From domain.
 */
export function alignmentFixes(stream: StreamEvidence, facts: Facts, address?: AddressEvidence): DnsFix[][] {
  const reading = facts.reading;
  const recordName = reading.recordDomain !== null ? `_dmarc.${reading.recordDomain}` : null;
  const out: DnsFix[][] = [];
  if (reading.record !== null && recordName !== null) {
    if (reading.adkim === 's' && facts.signatures.some((s) => s.pass === 'yes' && s.orgAligned === true)) {
      out.push([{ action: 'change', name: recordName, type: 'TXT', current: reading.record, value: setDmarcTag(reading.record, 'adkim', 'r'), description: 'adkim=s needs d= to equal the From domain exactly; relaxed alignment accepts the same organizational domain (RFC 7489 §3.1.1)' }]);
    }
    if (reading.aspf === 's' && facts.spfPass && facts.spfOrgAligned === true) {
      out.push([{ action: 'change', name: recordName, type: 'TXT', current: reading.record, value: setDmarcTag(reading.record, 'aspf', 'r'), description: 'aspf=s needs the MAIL FROM domain to equal the From domain exactly; relaxed alignment accepts the same organizational domain (RFC 7489 §3.1.2)' }]);
    }
  }
  const aligned = facts.signatures.filter((s) => s.aligned === true);
  const alignedFix = aligned.map((s) => dkimSignatureFixes(s.signature)).find((f) => f.length > 0);
  if (alignedFix !== undefined) out.push(alignedFix);
  else if (aligned.length === 0) out.push(signAsFromFixes(stream));
  if (!facts.spfPass && facts.spfAligned === true && address !== undefined) {
    // the MAIL FROM domain is aligned already: its SPF has to pass
    const spf = spfFixes(address);
    if (spf.length > 0) out.push(spf);
  } else if (!facts.spfPass || facts.spfAligned !== true) {
    const from = stream.from.domain;
    out.push([
      {
        action: 'add',
        name: `bounce.${from}`,
        type: 'TXT',
        current: null,
        value: 'v=spf1 <the sending service\'s SPF terms> ~all',
        description: `use a MAIL FROM (return-path) domain under ${from}, such as bounce.${from}, with SPF for the sending service (or the CNAME the service gives)`,
      },
    ]);
  }
  return out;
}

/** Publish a DMARC record, or repair the one there. */
export function dmarcRecordFixes(stream: StreamEvidence, facts: Facts): DnsFix[] {
  const reading = facts.reading;
  const org = stream.from.orgDomains.psl ?? stream.from.domain;
  if (reading.status === 'no-policy' && reading.record !== null && reading.recordDomain !== null) {
    return [{ action: 'change', name: `_dmarc.${reading.recordDomain}`, type: 'TXT', current: reading.record, value: `v=DMARC1; p=none; rua=mailto:dmarc-reports@${org}`, description: 'the record has no usable p= and no valid rua, so receivers ignore it (RFC 7489 §6.6.3)' }];
  }
  if (reading.policy?.tag === 'fallback' && reading.record !== null && reading.recordDomain !== null) {
    return [{ action: 'change', name: `_dmarc.${reading.recordDomain}`, type: 'TXT', current: reading.record, value: withValidDmarcPolicy(reading.record), description: `${parseDmarcRecord(reading.record).policy.reason ?? 'p= is missing or invalid'}: receivers fall back to p=none only because rua is valid, and Gmail counts the record as having no policy (RFC 7489 §6.6.3, RFC 9989 §4.10.1)` }];
  }
  if (reading.status === 'multiple') {
    const at = reading.recordDomain ?? stream.from.domain;
    return [{ action: 'change', name: `_dmarc.${at}`, type: 'TXT', current: null, value: `v=DMARC1; p=none; rua=mailto:dmarc-reports@${org}`, description: 'several DMARC records at one name are all discarded (RFC 7489 §6.6.3): keep exactly one' }];
  }
  if (reading.status === 'dns-failure') {
    return [{ action: 'configure', name: null, type: null, current: null, value: null, description: `make the name servers answer the DMARC question: ${reading.failure ?? 'lookup failed'}` }];
  }
  return [{ action: 'add', name: `_dmarc.${org}`, type: 'TXT', current: null, value: `v=DMARC1; p=none; rua=mailto:dmarc-reports@${org}`, description: `publish a DMARC record for ${org} (covers its subdomains); start with p=none and read the reports` }];
}

const under = (name: string, org: string): boolean => name === org || name.endsWith(`.${org}`);

/**
 * The name a PTR for `address` should give. The HELO name when it can be this address's: the
 * stream sends from this one address, or the HELO name is in the sender's own domain. A stream that
 * sends from several addresses names one HELO host for all of them, and a HELO host of a service
 * (an ESP's relay) is not this address's name: then a name under the From domain.
 */
function ptrHost(stream: StreamEvidence): string {
  const helo = stream.helo === null ? null : nameKey(stream.helo);
  const own = [stream.from, ...(stream.mailFrom !== null ? [stream.mailFrom] : [])].map((d) => d.orgDomains.psl ?? d.domain);
  if (helo !== null && (stream.addresses.length === 1 || own.some((org) => under(helo, org)))) return helo;
  return `mail.${stream.from.domain}`;
}

/** Forward-confirmed reverse DNS for the address. */
export function ptrFixes(stream: StreamEvidence, address: AddressEvidence): DnsFix[] {
  const f = address.fcrdns;
  const forward = address.family === 4 ? 'A' : 'AAAA';
  if (f === null || address.address === null || f.result === 'pass') return [];
  if (address.sample !== null) {
    // a sample of a provider's pool: its reverse DNS is not in the sender's zones
    return [{ action: 'configure', name: null, type: null, current: null, value: null, description: `give --ip with the addresses your mail leaves from to check their reverse DNS; if they lack forward-confirmed PTR records, ask the provider that holds them (${address.sample.domain} lists ${address.sample.block}) for addresses that have them` }];
  }
  if (f.result === 'temperror') {
    return [{ action: 'configure', name: null, type: null, current: null, value: null, description: `make the name servers for ${f.reverseName} and its PTR names answer (${f.detail})` }];
  }
  if (f.result === 'fail') {
    const name = f.ptrNames[0] ?? '<ptr name>';
    return [{ action: 'add', name, type: forward, current: null, value: address.address, description: `${f.reverseName} points to ${f.ptrNames.join(', ')}, which does not resolve back to ${address.address} (RFC 8601 §3)` }];
  }
  const host = ptrHost(stream);
  return [
    { action: 'add', name: f.reverseName, type: 'PTR', current: null, value: `${host}.`, description: 'ask whoever holds the address block (the hosting provider) to set the PTR' },
    { action: 'add', name: host, type: forward, current: null, value: address.address, description: `${host} must resolve back to ${address.address} (RFC 8601 §3)` },
  ];
}

export function existenceFixes(domain: DomainEvidence): DnsFix[] {
  if (domain.presence === 'temperror') {
    return [{ action: 'configure', name: null, type: null, current: null, value: null, description: `make the name servers for ${domain.domain} answer` }];
  }
  return [{ action: 'add', name: domain.domain, type: 'MX', current: null, value: '10 <your mail server>.', description: `${domain.domain} does not exist (NXDOMAIN): publish it (an MX for bounces), or send from a domain that exists` }];
}

export function nullMxFixes(domain: DomainEvidence): DnsFix[] {
  return [{ action: 'change', name: domain.domain, type: 'MX', current: '0 .', value: '10 <your mail server>.', description: `${domain.domain} says it accepts no mail (null MX, RFC 7505), so no bounce or reply can reach it` }];
}

/** For a suspicious `+all` / `?all`: the record with that term replaced by `~all`. */
export function suspiciousTermFix(domain: string, record: string, position: number, term: string): DnsFix {
  const value = withTermReplaced(record, position, '~all');
  return { action: 'change', name: nameKey(domain), type: 'TXT', current: record, value, description: `'${term}' lets any address pass` };
}
