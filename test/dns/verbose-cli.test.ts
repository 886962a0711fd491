// `--verbose` through the CLI runner: stderr shows every question the run asks, one `dns:` line
// each, marked `[N ms]` when it went to the resolver and `[cache]` or `[shared]` when the run's
// cache answered it; stdout (the report) is the same as without it, and DNS text cannot drive the
// terminal.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const SOA = (origin: string): string => `$TTL 300\n@ SOA ns1.${origin}. hostmaster.${origin}. 1 3600 600 86400 60\n`;
const ZONES: Record<string, string> = {
  'one.test.zone': `${SOA('one.test')}@ TXT "v=spf1 include:_spf.relay.test -all"\n_dmarc TXT "v=DMARC1; p=none"\n`,
  'two.test.zone': `${SOA('two.test')}@ TXT "v=spf1 include:_spf.relay.test -all"\n_dmarc TXT "v=DMARC1; p=none"\n`,
  'relay.test.zone': `${SOA('relay.test')}_spf TXT "v=spf1 ip4:198.51.100.0/24 -all"\nbanner TXT "\\027[2Jscreen cleared" "bell\\007"\n`,
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'authaudit-verbose-'));
  for (const [file, text] of Object.entries(ZONES)) writeFileSync(join(dir, file), text);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const dnsLines = (stderr: string): string[] => stderr.split('\n').filter((line) => line.startsWith('dns: '));

describe('--verbose', () => {
  test('a question two audits share is shown each time it is asked: once sent, then answered by the cache', async () => {
    const run = await runCli(['one.test', 'two.test', '--zone', dir, '--verbose']);
    const relay = dnsLines(run.stderr).filter((line) => line.startsWith('dns: _spf.relay.test TXT '));
    expect(relay).toHaveLength(2);
    const expected = '_spf.relay.test TXT -> 1 record (TTL 300): "v=spf1 ip4:198.51.100.0/24 -all"';
    expect(relay[0]).toMatch(new RegExp(`^dns: ${escapeRegExp(expected)} \\[\\d+ ms\\]$`));
    expect(relay[1]).toMatch(new RegExp(`^dns: ${escapeRegExp(expected)} \\[(cache|shared)\\]$`));
    // Each domain's own questions are shown once, sent.
    for (const domain of ['one.test', 'two.test']) {
      expect(dnsLines(run.stderr)).toContainEqual(expect.stringMatching(new RegExp(`^dns: _dmarc\\.${escapeRegExp(domain)} TXT -> 1 record \\(TTL 300\\): "v=DMARC1; p=none" \\[\\d+ ms\\]$`)));
    }
  });

  test('every line the cache answered matches a question sent before it', async () => {
    const lines = dnsLines((await runCli(['one.test', 'two.test', '--zone', dir, '--verbose'])).stderr);
    const question = (line: string): string => line.slice(0, line.indexOf(' -> '));
    const sent = new Set<string>();
    for (const line of lines) {
      if (/\[\d+ ms\]$/.test(line)) sent.add(question(line));
      else {
        expect(line).toMatch(/\[(cache|shared)\]$/);
        expect(sent.has(question(line)) || /\[shared\]$/.test(line)).toBe(true);
      }
    }
    expect(lines.some((line) => line.endsWith('[cache]') || line.endsWith('[shared]'))).toBe(true);
  });

  test('the report on stdout is the same with and without it, and nothing is logged without it', async () => {
    const quiet = await runCli(['one.test', 'two.test', '--zone', dir]);
    const verbose = await runCli(['one.test', 'two.test', '--zone', dir, '--verbose']);
    expect(verbose.stdout).toBe(quiet.stdout);
    expect(verbose.code).toBe(quiet.code);
    expect(dnsLines(quiet.stderr)).toEqual([]);
  });

  test('TXT text from DNS is shown in zone-file form: no control character reaches the terminal', async () => {
    const run = await runCli(['lookup', 'banner.relay.test', 'TXT', '--zone', dir, '--verbose']);
    expect(dnsLines(run.stderr)).toEqual([expect.stringMatching(/^dns: banner\.relay\.test TXT -> 1 record \(TTL 300\): "\\027\[2Jscreen cleared" "bell\\007" \[\d+ ms\]$/)]);
    // eslint-disable-next-line no-control-regex
    expect(run.stderr).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f]/);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
