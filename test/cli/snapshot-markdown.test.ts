// The Markdown of every command (the pull-request comment of `diff`, and `--format markdown` of the
// rest), through the BUILT CLI on the demo zones: snapshots, and each report rendered by a real
// CommonMark + GFM renderer (test/helpers/render-gfm.ts) to check that it makes only the markup
// meant (no raw HTML but <details>, links only to the RFCs, every table row whole). A zone whose
// records hold Markdown and HTML shows that DNS text comes out as literal text.
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT as ROOT, runBuiltCli } from '../helpers/run-cli.js';
import { decodeHtml, elementNames, renderGfm } from '../helpers/render-gfm.js';

const snapshot = (name: string) => `./snapshots/markdown/${name}`;
const DEMO = ['--zone', 'fixtures/demo'];

/** What our Markdown may turn into: headings, lists, tables, emphasis we write, code, rule links, collapsed sections. */
const ALLOWED = new Set(['a', 'code', 'details', 'h2', 'h3', 'h4', 'li', 'ol', 'p', 'pre', 'strong', 'summary', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul']);

/** Checks the rendered HTML of a report; returns it. */
function checkRendered(markdown: string): string {
  const html = renderGfm(markdown);
  const unexpected = elementNames(html).filter((e) => !ALLOWED.has(e));
  expect(unexpected, 'elements no report should make').toEqual([]);
  for (const m of html.matchAll(/<a href="([^"]*)"/g)) expect(m[1]).toMatch(/^https:\/\/www\.rfc-editor\.org\/rfc\/rfc\d+/);
  for (const table of html.matchAll(/<table>([\s\S]*?)<\/table>/g)) {
    const widths = [...(table[1] ?? '').matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => [...(row[1] ?? '').matchAll(/<t[dh]\b/g)].length);
    expect(new Set(widths).size, `rows of one table have ${widths.join(', ')} cells`).toBe(1);
  }
  return html;
}

async function markdown(args: string[], code: number): Promise<string> {
  const run = await runBuiltCli([...args, '--format', 'markdown']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(code);
  return run.stdout;
}

beforeAll(() => {
  if (!existsSync(`${ROOT}dist/cli/main.js`)) throw new Error('dist/ is missing: run `npm run build` before these tests');
});

describe('--format markdown of every command (built), on the demo zones', () => {
  it.each([
    ['spf-megacorp.md', ['spf', 'megacorp.example', ...DEMO], 1, ['### SPF for `megacorp.example`', '  - `include:_spf.mailgiant.example`  · lookup 1 of 10; its record uses 2-4', '4 ip4 ranges (`ip4:198.51.100.0/28` … `ip4:198.51.100.48/28`)', '#### Errors (1)', '**Fix:**']],
    ['spf-check-host.md', ['spf', 'megacorp.example', ...DEMO, '--ip', '203.0.113.200'], 1, ['**permerror**', '### Trace', 'The whole include tree']],
    ['dmarc-shop.md', ['dmarc', 'shop.example', ...DEMO], 0, ['Record at `_dmarc.shop.example`', '| `shop.example` itself | reject (p) | reject (p) |', '| rua | `mailto:dmarc@shop.example` | internal | — |']],
    ['dmarc-megacorp.md', ['dmarc', 'megacorp.example', ...DEMO], 0, ['| existing subdomains | none (sp) | none (sp) |', '`dmarc-subdomain-policy-weaker`', '**Fix:** Set sp=quarantine']],
    ['dkim-clinic.md', ['dkim', 'clinic.example', ...DEMO], 0, ['- **`dkim`** `dkim._domainkey.clinic.example`: unusable: revoked', '  - Record: `v=DKIM1; k=rsa; p=`', '`dkim-key-revoked`']],
    ['mx-ledger.md', ['mx', 'ledger.example', ...DEMO], 0, ['| 10 | `mta.ledger.example` | `192.0.2.41` |']],
    ['ptr.md', ['ptr', '192.0.2.40', '2001:db8:40::25', ...DEMO], 1, ['- **`192.0.2.40`**: FCrDNS **fail**', '    - `mta.ledger.example`: A `192.0.2.41`', '`ptr-not-confirmed`']],
    ['lookup.md', ['lookup', '_dmarc.shop.example', 'TXT', ...DEMO], 0, ['- `_dmarc.shop.example. 3600 IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@shop.example"`']],
    ['predict.md', ['predict', ...DEMO, '--profile', 'fixtures/demo/profiles.json'], 1, ['### Stream `shop`', '- **Gmail**: rejected **550 5.7.26**', '  - fix: ']],
    ['flatten-megacorp.md', ['flatten', 'megacorp.example', ...DEMO], 0, ['### Zone-file lines', '**Proven:**']],
  ])('%s', async (file, args, code, contains) => {
    const md = await markdown(args, code);
    for (const piece of contains) expect(md).toContain(piece);
    checkRendered(md);
    await expect(md).toMatchFileSnapshot(snapshot(file));
  });

  it('the audit and the diff comment render as meant too', async () => {
    checkRendered(await markdown([...DEMO, '--profile', 'fixtures/demo/profiles.json', 'northwind.example', 'megacorp.example', 'shop.example'], 1));
    const diff = await markdown(['diff', '--base', 'fixtures/diff/base', '--head', 'fixtures/diff/head', '--offline', '--profile', 'fixtures/diff/profiles.json'], 1);
    const html = checkRendered(diff);
    // why acme.example fails, under its own heading; what it resolves collapsed
    expect(diff).toContain('### `acme.example`: AT RISK → FAIL\n\nThis change introduces 4 findings:');
    expect(html).toMatch(/<details>\n<summary>Resolved by this change \(1\)<\/summary>[\s\S]*dmarc-policy-none[\s\S]*<\/details>/);
  });
});

describe('DNS text holding Markdown and HTML comes out as literal text', () => {
  const ZONE = ['--zone', 'test/cli/snapshots/zones/markup.example.zone'];
  const SPF = 'v=spf1 ip4:192.0.2.1 `a``b` | <script>alert(1)</script> *bold* _em_ [x](https://evil.example) line\\x0abreak @octocat www.evil.example -all';
  const DMARC = 'v=DMARC1; p=reject; rua=mailto:a|b@markup.example; x=`</td><script>x</script>`';

  /** The text of every code element, decoded. */
  const codes = (html: string): string[] => [...html.matchAll(/<code>([\s\S]*?)<\/code>/g)].map((m) => decodeHtml(m[1] ?? ''));

  it.each([
    ['audit', ['markup.example', ...ZONE], 1, [SPF, 'mailto:a|b@markup.example']],
    ['spf', ['spf', 'markup.example', ...ZONE], 1, [SPF]],
    ['dmarc', ['dmarc', 'markup.example', ...ZONE], 0, [DMARC, 'mailto:a|b@markup.example']],
    ['lookup', ['lookup', 'markup.example', 'TXT', ...ZONE], 0, [`markup.example. 3600 IN TXT "${SPF.replace('\\x0a', '\\010')}"`]],
  ])('%s', async (_name, args, code, literal) => {
    const html = checkRendered(await markdown(args, code));
    expect(html).not.toMatch(/<script|<em>|<a href="https:\/\/evil/);
    for (const text of literal) expect(codes(html)).toContain(text);
  });
});
