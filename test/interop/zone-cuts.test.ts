// Interop at a zone cut (RFC 1034 §4.2.1): interop.example delegates child.interop.example to
// ns1.child.interop.example (glue in the parent) and ns2.interop.example. Two Knot servers:
//  - the parent alone: Knot answers every question at or below the cut with a referral (NOERROR,
//    AA=0, no answer, the parent's NS RRset in authority, glue in additional), which the network
//    resolver reports as a typed failure; the zone-file resolver, missing the child's file, gives
//    a typed failure naming the delegation. Names above the cut are untouched by it.
//  - the parent and fixtures/interop-child/child.interop.example.zone: Knot answers the
//    child authoritatively, and the zone-file resolver reading both files must agree record for
//    record. The child's data differs from the parent's copy (NS TTL, ns1 address, _dmarc text),
//    so every answer shows which file it came from.

import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetworkResolver } from '../../src/dns/network-resolver.js';
import { typedRecords } from '../../src/dns/message.js';
import { isAtOrBelow, nameKey } from '../../src/model/names.js';
import type { DnsAnswer, DnsRecord, RRType } from '../../src/dns/types.js';
import { loadZoneResolver, ZoneResolver } from '../../src/dns/zone-resolver.js';
import { startKnot, type KnotServer } from '../helpers/knot.js';
import { ABSENT_LABEL, COMPARED_TYPES, comparable, expectedFromServer, namesToAsk, recordText, unservedCuts } from './compare-answers.js';
import { compareZone } from './compare-servers.js';
import { rawUdpQuery } from './raw-query.js';

const INTEROP = fileURLToPath(new URL('../../fixtures/interop/', import.meta.url));
const CHILD_ZONE = fileURLToPath(new URL('../../fixtures/interop-child/', import.meta.url));
const PARENT = 'interop.example';
const CUT = 'child.interop.example';

/** Names at and below the cut: the child apex, glue, data occluded in the parent, child-only data, an absent name. */
const AT_AND_BELOW_CUT = [CUT, `ns1.${CUT}`, `_dmarc.${CUT}`, `www.${CUT}`, `${ABSENT_LABEL}.${CUT}`];
const TYPES_AT_CUT: RRType[] = ['A', 'AAAA', 'MX', 'TXT', 'SOA'];
const NAMESERVERS = `(ns1\\.child\\.interop\\.example|ns2\\.interop\\.example)`;
/** The network resolver's detail: the referral, its two nameservers (in the server's order) and the cut. */
const REFERRAL_DETAIL = new RegExp(`referral to ${NAMESERVERS}, ${NAMESERVERS} for child\\.interop\\.example:`);
/** The zone-file resolver's detail: the cut and the parent's nameservers for it. */
const DELEGATED_DETAIL = new RegExp(`is delegated at child\\.interop\\.example to ${NAMESERVERS}, ${NAMESERVERS},`);

interface Side {
  knot: KnotServer;
  network: NetworkResolver;
  files: ZoneResolver;
}

async function serve(folders: string[]): Promise<Side> {
  const knot = await startKnot({ zoneDirs: folders });
  const files = await loadZoneResolver(folders);
  const network = new NetworkResolver({ servers: [{ address: knot.address, port: knot.port, family: 4 }], timeoutMs: 3000, attempts: 2 });
  return { knot, network, files };
}

let parentOnly: Side;
let both: Side;

beforeAll(async () => {
  parentOnly = await serve([INTEROP]);
  both = await serve([INTEROP, CHILD_ZONE]);
});

afterAll(async () => {
  await parentOnly?.knot.stop();
  await both?.knot.stop();
});

function texts(records: readonly DnsRecord[]): string[] {
  return records.map(recordText).sort();
}

function recordsOf(answer: DnsAnswer): string[] {
  return answer.kind === 'records' ? texts(answer.records) : [];
}

function failureOf(answer: DnsAnswer): { failure: string; detail: string } | DnsAnswer['kind'] {
  return answer.kind === 'failure' ? { failure: answer.failure, detail: answer.detail } : answer.kind;
}

/** The parent's copy: its NS RRset at the cut and its glue, as interop.example.zone writes them. */
function parentCopy(files: ZoneResolver): { ns: string[]; glue: string[] } {
  const own = files.records();
  return {
    ns: texts(own.filter((r) => r.type === 'NS' && nameKey(r.name) === CUT)),
    glue: texts(own.filter((r) => (r.type === 'A' || r.type === 'AAAA') && nameKey(r.name) === `ns1.${CUT}`)),
  };
}

describe('a delegation to a child zone Knot does not serve', () => {
  it('the files see one cut, at child.interop.example, and nothing else delegated', () => {
    expect(parentOnly.knot.zones.map((z) => z.origin)).toEqual([PARENT]);
    expect(unservedCuts(parentOnly.files)).toEqual([CUT]);
    expect(parentOnly.files.delegationOf(`a.b.${CUT}`)).toBe(CUT);
    expect(parentOnly.files.delegationOf(`notchild.${PARENT}`)).toBeNull();
  });

  it('the parent file holds a delegation NS RRset (TTL 3600) and glue for ns1 below the cut', () => {
    expect(parentCopy(parentOnly.files)).toEqual({
      ns: [`${CUT} 3600 NS ns1.${CUT}.`, `${CUT} 3600 NS ns2.${PARENT}.`],
      glue: [`ns1.${CUT} 3600 A 192.0.2.53`, `ns1.${CUT} 3600 AAAA 2001:db8::53`],
    });
  });

  it.each(AT_AND_BELOW_CUT)('Knot refers %s to the child: NOERROR, AA=0, no answer, the parent NS RRset and its glue', async (name) => {
    const { ns, glue } = parentCopy(parentOnly.files);
    for (const type of TYPES_AT_CUT) {
      const message = await rawUdpQuery(parentOnly.knot, name, type, 1232);
      const question = `${name} ${type}`;
      expect(message.rcode, question).toBe('NOERROR');
      expect(message.authoritative, question).toBe(false);
      expect(message.answers, question).toEqual([]);
      expect(texts(typedRecords(message.authorities)), question).toEqual(ns);
      expect(texts(typedRecords(message.additionals)), question).toEqual(expect.arrayContaining(glue));
    }
  });

  it.each(AT_AND_BELOW_CUT)('%s: both resolvers fail, naming the referral and the cut (A, AAAA, MX, TXT, SOA; NS below the cut)', async (name) => {
    const types = nameKey(name) === CUT ? TYPES_AT_CUT : [...TYPES_AT_CUT, 'NS' as const];
    for (const type of types) {
      const question = `${name} ${type}`;
      const [fromServer, fromFiles] = await Promise.all([parentOnly.network.query(name, type), parentOnly.files.query(name, type)]);
      // RFC 1034 §4.3.1: a non-recursive server's referral is not an answer, nor a denial.
      expect(failureOf(fromServer), question).toEqual({
        failure: 'other',
        detail: expect.stringMatching(REFERRAL_DETAIL),
      });
      // The child's data is not among the files: neither its records nor NXDOMAIN is known.
      expect(failureOf(fromFiles), question).toEqual({
        failure: 'other',
        detail: expect.stringMatching(DELEGATED_DETAIL),
      });
      expect(comparable(fromServer), question).toEqual(expectedFromServer(fromFiles, parentOnly.files.zones(), [CUT]));
    }
  });

  it('the NS question at the cut: the files give the parent RRset, Knot refers with exactly that RRset', async () => {
    const fromFiles = await parentOnly.files.query(CUT, 'NS');
    const fromServer = await parentOnly.network.query(CUT, 'NS');
    const referral = await rawUdpQuery(parentOnly.knot, CUT, 'NS', 1232);
    expect(recordsOf(fromFiles)).toEqual(parentCopy(parentOnly.files).ns);
    expect(referral.authoritative).toBe(false);
    expect(referral.answers).toEqual([]);
    expect(texts(typedRecords(referral.authorities))).toEqual(recordsOf(fromFiles));
    expect(failureOf(fromServer)).toEqual({ failure: 'other', detail: expect.stringContaining(`for ${CUT}:`) });
    // The one permitted difference at a cut (compare-answers.ts), and only with the cut named.
    expect(comparable(fromServer)).toEqual(expectedFromServer(fromFiles, parentOnly.files.zones(), [CUT]));
    expect(comparable(fromServer)).not.toEqual(expectedFromServer(fromFiles, parentOnly.files.zones(), []));
  });

  it('the glue and the occluded _dmarc TXT below the cut are never answered as records', async () => {
    for (const [name, type] of [[`ns1.${CUT}`, 'A'], [`ns1.${CUT}`, 'AAAA'], [`_dmarc.${CUT}`, 'TXT']] as const) {
      expect(parentOnly.files.records().some((r) => nameKey(r.name) === name && r.type === type), name).toBe(true);
      expect((await parentOnly.files.query(name, type)).kind, `${name} ${type}`).toBe('failure');
      expect((await parentOnly.network.query(name, type)).kind, `${name} ${type}`).toBe('failure');
    }
  });

  it('a CNAME into the delegated subtree: the same chain on both sides, then the failure naming the cut', async () => {
    for (const type of ['A', 'TXT', 'MX'] as const) {
      const [fromServer, fromFiles] = await Promise.all([
        parentOnly.network.query(`tochild.${PARENT}`, type),
        parentOnly.files.query(`tochild.${PARENT}`, type),
      ]);
      expect(comparable(fromFiles).chain, type).toEqual([`tochild.${PARENT} 600 CNAME www.${CUT}.`]);
      expect(comparable(fromServer), type).toEqual(comparable(fromFiles));
      expect(failureOf(fromServer), type).toEqual({ failure: 'other', detail: expect.stringContaining(`for ${CUT}:`) });
      expect(failureOf(fromFiles), type).toEqual({ failure: 'other', detail: expect.stringContaining(`delegated at ${CUT}`) });
    }
  });

  it('every name above the cut answers, on both sides, exactly as it would without the delegation', async () => {
    const { files, network } = parentOnly;
    const withoutCut = ZoneResolver.fromRecords(
      files.records().filter((r) => !isAtOrBelow(r.name, CUT)),
      { zones: files.zones() },
    );
    const above = namesToAsk(PARENT, files.records(), files.zones()).filter((name) => !isAtOrBelow(name, CUT));
    expect(above).toEqual(expect.arrayContaining([PARENT, `ns2.${PARENT}`, `notchild.${PARENT}`, `${ABSENT_LABEL}.${PARENT}`]));
    const differences: string[] = [];
    const reachingTheCut = new Set<string>();
    await Promise.all(
      above.flatMap((name) =>
        COMPARED_TYPES.map(async (type) => {
          const [fromServer, fromFiles, expected] = await Promise.all([network.query(name, type), files.query(name, type), withoutCut.query(name, type)]);
          const end = fromFiles.cnameChain.at(-1)?.target;
          if (end !== undefined && isAtOrBelow(end, CUT)) {
            reachingTheCut.add(name); // its answer is below the cut; checked in the CNAME test above
            return;
          }
          const question = `${name} ${type}`;
          if (!isDeepStrictEqual(comparable(fromFiles), comparable(expected))) differences.push(`files: ${question}`);
          if (!isDeepStrictEqual(comparable(fromServer), expectedFromServer(expected, files.zones()))) differences.push(`Knot: ${question}`);
        }),
      ),
    );
    expect(differences.sort()).toEqual([]);
    expect([...reachingTheCut]).toEqual([`tochild.${PARENT}`]);
    // A sibling whose name ends in the cut's text is not below the cut (labels, not characters).
    expect(recordsOf(await network.query(`notchild.${PARENT}`, 'TXT'))).toEqual([`notchild.${PARENT} 600 TXT "a sibling of the cut, not below it"`]);
    expect((await network.query(`${ABSENT_LABEL}.${PARENT}`, 'A')).kind).toBe('nxdomain');
  });
});

describe('the same delegation with the child zone served too', () => {
  it('Knot and the files load both zones, and the child apex is no zone cut any more', () => {
    expect(both.knot.zones.map((z) => z.origin)).toEqual([CUT, PARENT]);
    expect(both.files.zones().map(nameKey).sort()).toEqual([CUT, PARENT]);
    expect(unservedCuts(both.files)).toEqual([]);
    expect(both.files.delegationOf(`www.${CUT}`)).toBeNull();
  });

  it.each([PARENT, CUT])('every name and type of %s agrees record for record, with no permitted difference at the cut', async (apex) => {
    const { mismatches, kinds, names } = await compareZone(both.network, both.files, apex);
    expect(mismatches).toEqual([]);
    expect(kinds.get('records') ?? 0).toBeGreaterThan(0);
    expect(kinds.get('nodata') ?? 0).toBeGreaterThan(0);
    expect(kinds.get('nxdomain') ?? 0).toBeGreaterThan(0);
    // Nothing meets a cut any more: no question ends in a delegation failure (with the parent
    // alone, every question at and below child.interop.example does).
    expect(kinds.get('failure') ?? 0).toBe(0);
    if (apex === CUT) {
      // The owners of the parent's copy (the NS at the cut, glue, occluded data) are asked here.
      expect(names).toEqual(expect.arrayContaining([CUT, `ns1.${CUT}`, `_dmarc.${CUT}`, `_domainkey.${CUT}`]));
    }
  });

  it('the child apex answers from the child file: its NS RRset (TTL 600, not the parent 3600), SOA, MX and TXT', async () => {
    for (const type of ['NS', 'SOA', 'MX', 'TXT'] as const) {
      const [fromServer, fromFiles] = await Promise.all([both.network.query(CUT, type), both.files.query(CUT, type)]);
      expect(fromFiles.kind, type).toBe('records');
      expect(comparable(fromServer), type).toEqual(comparable(fromFiles));
    }
    expect(recordsOf(await both.network.query(CUT, 'NS'))).toEqual([`${CUT} 600 NS ns1.${CUT}.`, `${CUT} 600 NS ns2.${PARENT}.`]);
    expect((await rawUdpQuery(both.knot, CUT, 'NS', 1232)).authoritative).toBe(true);
    // The child's SOA MINIMUM (300) is the negative TTL below the cut now, not the parent's.
    expect(comparable(await both.network.query(`${ABSENT_LABEL}.${CUT}`, 'A'))).toEqual({ kind: 'nxdomain', chain: [], ttl: 300 });
  });

  it('below the cut the child file wins over the parent copy: ns1 has the child address, _dmarc the child text', async () => {
    const questions: [string, RRType, string[]][] = [
      [`ns1.${CUT}`, 'A', [`ns1.${CUT} 600 A 192.0.2.153`]],
      [`ns1.${CUT}`, 'AAAA', [`ns1.${CUT} 600 AAAA 2001:db8::153`]],
      [`_dmarc.${CUT}`, 'TXT', [`_dmarc.${CUT} 600 TXT "v=DMARC1; p=none; from the child"`]],
    ];
    for (const [name, type, records] of questions) {
      const [fromServer, fromFiles] = await Promise.all([both.network.query(name, type), both.files.query(name, type)]);
      expect(recordsOf(fromServer), `${name} ${type}`).toEqual(records);
      expect(recordsOf(fromFiles), `${name} ${type}`).toEqual(records);
    }
  });

  it('the parent side still delegates: a CNAME into the child comes with the parent NS RRset and glue, then the child answers', async () => {
    // Knot follows a CNAME only inside its zone (RFC 1034 §4.3.2 step 3b): the target is below the
    // parent's cut, so the parent's answer ends with its referral, exactly the parent file's copy.
    const message = await rawUdpQuery(both.knot, `tochild.${PARENT}`, 'A', 1232);
    const { ns, glue } = parentCopy(parentOnly.files);
    expect(texts(typedRecords(message.answers))).toEqual([`tochild.${PARENT} 600 CNAME www.${CUT}.`]);
    expect(texts(typedRecords(message.authorities))).toEqual(ns);
    expect(texts(typedRecords(message.additionals))).toEqual(expect.arrayContaining(glue));
    // The network resolver asks the child for the target; the files follow the chain into it.
    const [fromServer, fromFiles] = await Promise.all([both.network.query(`tochild.${PARENT}`, 'A'), both.files.query(`tochild.${PARENT}`, 'A')]);
    expect(comparable(fromServer)).toEqual({
      kind: 'records',
      chain: [`tochild.${PARENT} 600 CNAME www.${CUT}.`],
      records: [`www.${CUT} 600 A 192.0.2.155`],
    });
    expect(comparable(fromFiles)).toEqual(comparable(fromServer));
  });
});
