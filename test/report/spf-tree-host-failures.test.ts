// The SPF tree as text shows, host by host, what each address question gave: the addresses found, and
// for a failed question its type and failure (`h.example: 192.0.2.1, AAAA: timeout`). Receivers ask A for
// IPv4 clients and AAAA for IPv6 ones (RFC 7208 §5.3, §5.4), so the tree no longer says "DNS failure"
// on a term as if every client met it. The JSON of `authaudit spf` with such failures still validates.
import { describe, expect, it } from 'vitest';
import { renderTreeText } from '../../src/spf/render-text.js';
import { paint } from '../../src/report/color.js';
import { renderJson } from '../../src/report/json.js';
import { spfCommand } from '../../src/cli/commands/spf.js';
import type { CliContext } from '../../src/cli/command.js';
import type { Resolver } from '../../src/dns/types.js';
import type { SpfExpansion } from '../../src/spf/expand-types.js';
import { termView } from '../../src/spf/tree-json.js';
import { A_TERM, MX_TERM, expandWith, fails, zone } from '../spf/dns-failure-families.zones.js';
import { reportValidator } from './schemas.js';

const plain = paint(false);

/** The tree's line for `term` (its text as written), without the indent. */
function termLine(tree: SpfExpansion, term: string): string {
  const line = renderTreeText(tree, plain)
    .split('\n')
    .find((l) => l.trimStart().startsWith(`${term}  `) || l.trim() === term);
  if (line === undefined) throw new Error(`no line for ${term}`);
  return line.trim();
}

describe('an `a` host: each family shown apart', () => {
  it('A fails only: the AAAA addresses, then the failed A question', async () => {
    const { tree } = await expandWith(A_TERM, [fails('h.example', ['A'])]);
    expect(termLine(tree, 'a:h.example')).toBe('a:h.example  · lookup 1 of 10 · h.example: 2001:db8:1::1, A: timeout');
  });

  it('AAAA fails only: the A addresses, then the failed AAAA question', async () => {
    const { tree } = await expandWith(A_TERM, [fails('h.example', ['AAAA'])]);
    expect(termLine(tree, 'a:h.example')).toBe('a:h.example  · lookup 1 of 10 · h.example: 192.0.2.1, AAAA: timeout');
  });

  it('both fail: both questions, and no addresses claimed', async () => {
    const { tree } = await expandWith(A_TERM, [fails('h.example', ['A', 'AAAA'], 'servfail')]);
    expect(termLine(tree, 'a:h.example')).toBe('a:h.example  · lookup 1 of 10 · h.example: A: servfail, AAAA: servfail');
  });

  it('one question fails and the other finds no records: both said', async () => {
    const { tree } = await expandWith(`example.com. TXT "v=spf1 a:v4only.example -all"\nv4only.example. A 192.0.2.7`, [fails('v4only.example', ['A'])]);
    expect(termLine(tree, 'a:v4only.example')).toBe('a:v4only.example  · lookup 1 of 10 · v4only.example: A: timeout, AAAA: no records');
  });

  it('paints only the failed question red', async () => {
    const { tree } = await expandWith(A_TERM, [fails('h.example', ['AAAA'])]);
    expect(renderTreeText(tree, paint(true))).toContain('h.example: 192.0.2.1, \u001b[31mAAAA: timeout\u001b[39m');
  });

  it('keeps a tree made before failures were kept per family readable: the one failed question', async () => {
    const { tree } = await expandWith(A_TERM, [fails('h.example', ['AAAA'])]);
    for (const h of termView(tree.root.terms[0]!).hosts ?? []) {
      delete h.ip4Failure;
      delete h.ip6Failure;
    }
    expect(termLine(tree, 'a:h.example')).toBe('a:h.example  · lookup 1 of 10 · h.example: 192.0.2.1, AAAA: timeout');
  });
});

describe('`mx` hosts: in the order receivers ask them (RFC 7208 §5.4), each with its own failures', () => {
  it('MX host 2 of 3 fails: only that host says so', async () => {
    const { tree } = await expandWith(MX_TERM, [fails('m2.example', ['A', 'AAAA'])]);
    expect(termLine(tree, 'mx')).toBe(
      'mx  · lookup 1 of 10 · m1.example: 192.0.2.11 2001:db8::11 · m2.example: A: timeout, AAAA: timeout · m3.example: 192.0.2.13',
    );
  });

  it('a host of one family that fails it', async () => {
    const { tree } = await expandWith(MX_TERM, [fails('m3.example', ['A'])]);
    expect(termLine(tree, 'mx')).toContain('· m3.example: A: timeout, AAAA: no records');
  });

  it('escapes a host name from DNS before it reaches the terminal', async () => {
    const text = `example.com. TXT "v=spf1 mx -all"\nexample.com. MX 10 m\\027[2Jx.example.\nm\\027[2Jx.example. A 192.0.2.1`;
    const { tree } = await expandWith(text, [fails('m\u001b[2Jx.example', ['AAAA'])]);
    const out = renderTreeText(tree, plain);
    expect(out).not.toContain('\u001b');
    expect(termLine(tree, 'mx')).toBe('mx  · lookup 1 of 10 · m\\x1b[2Jx.example: 192.0.2.1, AAAA: timeout');
  });
});

describe('what stays as it was', () => {
  it('hosts without failures: their addresses, or "no addresses"', async () => {
    const { tree } = await expandWith(MX_TERM.replace('"v=spf1 mx -all"', '"v=spf1 mx a:gone.example -all"'));
    expect(termLine(tree, 'mx')).toBe('mx  · lookup 1 of 10 · m1.example: 192.0.2.11 2001:db8::11 · m2.example: 192.0.2.12 2001:db8::12 · m3.example: 192.0.2.13');
    expect(termLine(tree, 'a:gone.example')).toBe('a:gone.example  · lookup 2 of 10 · void lookup 1 of 2 · gone.example: no addresses');
  });

  it("a term's own failed question (the MX question) still fails the term for everyone", async () => {
    const { tree } = await expandWith(MX_TERM, [fails('example.com', ['MX'])]);
    expect(termLine(tree, 'mx')).toBe('mx  · lookup 1 of 10 · DNS failure: timeout');
  });
});

describe('JSON of `authaudit spf` with per-family failures', () => {
  function context(resolver: Resolver): CliContext {
    return {
      options: { zone: [], overlay: [], view: null, resolver: [], doh: null, timeout: 5000, format: 'json', failOn: 'error', ignore: [], config: null, quiet: true, verbose: false, color: false, output: [] },
      io: { stdout: { write: () => true }, stderr: { write: () => true }, env: {}, cwd: process.cwd() },
      limitQueryRate: () => undefined,
      resolver,
      stats: () => ({ sent: 0, cached: 0 }),
      progress: () => undefined,
      log: () => undefined,
      domainsStarted: () => undefined,
      domainDone: () => undefined,
      config: null,
      coverage: null,
      selectorsFromZone: () => null,
    };
  }

  it('validates against the report schema, hosts carrying ip4Failure and ip6Failure', async () => {
    const records = `${MX_TERM.replace('"v=spf1 mx -all"', '"v=spf1 a:h.example mx -all"')}h.example. A 192.0.2.1\n`;
    const resolver = zone(records, [fails('h.example', ['AAAA']), fails('m2.example', ['A', 'AAAA'])]);
    const result = await spfCommand.run(context(resolver), ['example.com'], {});
    const doc = JSON.parse(renderJson('spf', result.data, result.findings, { stats: { sent: 0, cached: 0 } })) as {
      tree: { terms: { text: string; hosts: { name: string; ip4Failure: { type: string } | null; ip6Failure: { type: string } | null }[] | null }[] };
      findings: { id: string; message: string }[];
    };
    const validate = reportValidator();
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    const a = doc.tree.terms.find((t) => t.text === 'a:h.example');
    expect(a?.hosts?.[0]).toMatchObject({ name: 'h.example', ip4Failure: null, ip6Failure: { type: 'AAAA' } });
    expect(doc.findings.filter((f) => f.id === 'spf-dns-failure').map((f) => f.message.split('; ')[1])).toEqual([
      'receivers give temperror to IPv6 clients reaching this term, and defer or reject their mail',
      'receivers give temperror to IPv4 and IPv6 clients reaching this term and not matched by an earlier MX host (m1.example), and defer or reject their mail (RFC 7208 §5, §5.4)',
    ]);
  });
});
