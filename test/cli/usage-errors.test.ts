// Bad usage on the BUILT command (`npm run build` first; `npm test` does): every error is one line
// `authaudit: …` on stderr (commander's own too, with the help hint after it), exit 2, nothing on
// stdout, and a domain typed as an email address or a URL is answered with the domain it holds.
import { describe, expect, it } from 'vitest';
import { runBuiltCli } from '../helpers/run-cli.js';

const DEMO = ['--zone', 'fixtures/demo'];

/** A usage error: exit 2, stdout empty, stderr as given (lines). */
async function usageError(args: string[]): Promise<string[]> {
  const run = await runBuiltCli(args);
  expect(run.stdout).toBe('');
  expect(run.code).toBe(2);
  return run.stderr.trimEnd().split('\n');
}

describe("commander's own errors, in the tool's voice (built)", () => {
  it.each([
    [['spf', 'megacorp.example', '--zon', 'fixtures/demo'], "authaudit: unknown option '--zon' (did you mean --zone?)", 'spf'],
    [['--frobnicate', 'shop.example'], "authaudit: unknown option '--frobnicate'", 'audit'],
    [['spf'], "authaudit: missing required argument 'domain'", 'spf'],
    [['lookup', 'shop.example'], "authaudit: missing required argument 'type'", 'lookup'],
    [['lookup', 'shop.example', 'TXT', 'extra'], "authaudit: too many arguments for 'lookup'. Expected 2 arguments but got 3.", 'lookup'],
    [['spf', 'megacorp.example', '--ip'], "authaudit: option '--ip <addr>' argument missing", 'spf'],
    [['scan', '--zone', 'fixtures/demo'], "authaudit: required option '--input <file>' not specified", 'scan'],
    // a global option belongs to the program, whose help lists it
    [['dmarc', 'shop.example', '--format'], "authaudit: option '--format <format>' argument missing", ''],
  ])('%j', async (args, message, command) => {
    expect(await usageError(args)).toEqual([message, `(run authaudit ${command === '' ? '' : `${command} `}--help for usage)`]);
  });
});

describe('a domain typed as an email address or URL: did you mean (built)', () => {
  it.each([
    [['audit', 'news@shop.example', ...DEMO], "authaudit: domain 'news@shop.example' is an email address, not a domain name; did you mean shop.example?"],
    [['https://www.shop.example/pricing', ...DEMO], "authaudit: domain 'https://www.shop.example/pricing' is a URL, not a domain name; did you mean www.shop.example?"],
    [['spf', 'postmaster@megacorp.example', ...DEMO], "authaudit: domain 'postmaster@megacorp.example' is an email address, not a domain name; did you mean megacorp.example?"],
    [['dmarc', '<dmarc@shop.example>', ...DEMO], "authaudit: domain '<dmarc@shop.example>' is an email address, not a domain name; did you mean shop.example?"],
    [['dkim', 'http://clinic.example', ...DEMO], "authaudit: domain 'http://clinic.example' is a URL, not a domain name; did you mean clinic.example?"],
    [['mx', 'ledger.example:25', ...DEMO], "authaudit: domain 'ledger.example:25' is a host and port, not a domain name; did you mean ledger.example?"],
    [['mx', '192.0.2.40', ...DEMO], "authaudit: domain '192.0.2.40' is an IP address, not a domain name"],
    [['mta-sts', 'postmaster@shop.example', ...DEMO], "authaudit: domain 'postmaster@shop.example' is an email address, not a domain name; did you mean shop.example?"],
    [['tls-rpt', 'https://shop.example/', ...DEMO], "authaudit: domain 'https://shop.example/' is a URL, not a domain name; did you mean shop.example?"],
    [['flatten', 'megacorp.example/spf', ...DEMO], "authaudit: domain 'megacorp.example/spf' is a URL, not a domain name; did you mean megacorp.example?"],
    [['flatten', 'megacorp.example', '--keep', 'mailto:x@sendwave.example', ...DEMO], "authaudit: --keep 'mailto:x@sendwave.example' is an email address, not a domain name; did you mean sendwave.example?"],
    [['diff', '--base', 'fixtures/diff/base', '--head', 'fixtures/diff/head', '--offline', 'hostmaster@shop.example'], "authaudit: domain 'hostmaster@shop.example' is an email address, not a domain name; did you mean shop.example?"],
    [['predict', ...DEMO, '--from', 'https://shop.example/', '--ip', '192.0.2.1'], 'authaudit: --from: "https://shop.example/" is not an address (local-part@domain) or a domain; did you mean shop.example?'],
    [['predict', ...DEMO, '--from', 'news@shop.example', '--mail-from', 'https://bounces.sendwave.example', '--ip', '192.0.2.1'], 'authaudit: --mail-from: "https://bounces.sendwave.example" is not an address, a domain, or "<>"; did you mean bounces.sendwave.example?'],
    [['predict', ...DEMO, '--from', 'news@shop.example', '--dkim', 'news@shop.example:s1', '--ip', '192.0.2.1'], "authaudit: --dkim 'news@shop.example:s1': 'news@shop.example' in 'news@shop.example:s1' is not a domain name; did you mean shop.example?"],
    [['lookup', 'postmaster@shop.example', 'MX', ...DEMO], "authaudit: 'postmaster@shop.example' is an email address, not a domain name; did you mean shop.example?"],
  ])('%j', async (args, message) => {
    expect(await usageError(args)).toEqual([message]);
  });

  it('a single label: audit, the default command, says it may be a misspelt command; the others say a dot is missing', async () => {
    expect(await usageError(['frobnicate', ...DEMO])).toEqual(["authaudit: 'frobnicate' is neither a command nor a domain name with a dot (run authaudit --help for the commands)"]);
    const single = "authaudit: domain 'localhost' is not a multi-label domain name (a mail domain has a dot, as in example.com)";
    expect(await usageError(['dmarc', 'localhost', ...DEMO])).toEqual([single]);
    expect(await usageError(['diff', '--base', 'fixtures/diff/base', '--head', 'fixtures/diff/head', '--offline', 'localhost'])).toEqual([single]);
  });

  it('what was typed reaches the terminal escaped', async () => {
    expect(await usageError(['mx', 'a\u001b[2Jb.example', ...DEMO])).toEqual(["authaudit: domain 'a\\x1b[2Jb.example' contains a control character"]);
  });
});

describe('--ignore with a typo (built)', () => {
  it('names the nearest id, on one line', async () => {
    expect(await usageError(['shop.example', ...DEMO, '--ignore', 'spf-too-many-lookup'])).toEqual([
      "authaudit: --ignore: unknown finding id 'spf-too-many-lookup'; did you mean spf-too-many-lookups?",
    ]);
  });

  it('without a near id, names the families the ids begin with, not every id', async () => {
    const lines = await usageError(['shop.example', ...DEMO, '--ignore', 'nonsense-id,spff-*']);
    expect(lines).toEqual([
      "authaudit: --ignore: unknown finding id 'nonsense-id' (ids begin with bimi-, bounce-, dane-, dkim-, dmarc-, dnssec-, domain-, flatten-, input-, message-, mta-, mx-, overlay-, predict-, ptr-, smtp-, spf-, tls-, zone-; 'bimi-*' leaves out a whole family)",
      "--ignore: unknown finding id 'spff-*'; did you mean spf-*?",
    ]);
  });
});

describe('the transport options (built)', () => {
  it.each([
    [['mta-sts', 'shop.example', ...DEMO, '--ca-file', 'no/such.pem'], 'authaudit: --ca-file no/such.pem: no such file'],
    [['mta-sts', 'shop.example', ...DEMO, '--ca-file', 'fixtures'], 'authaudit: --ca-file fixtures: is a folder, not a file'],
    [['shop.example', ...DEMO, '--ca-file', 'README.md'], 'authaudit: --ca-file README.md: holds no PEM certificate (-----BEGIN CERTIFICATE-----)'],
    [['mta-sts', 'shop.example', ...DEMO, '--smtp', '--smtp-port', '99999'], 'authaudit: --smtp-port 99999: not a port number (1-65535)'],
  ])('%j', async (args, message) => {
    expect(await usageError(args)).toEqual([message]);
  });
});
