// The openspf RFC 7208 test suite (fixtures/spf/rfc7208-tests.yml), run by one table-driven test through
// the zone-file resolver. Tests that this implementation is known not to pass are listed, with the
// reason, in fixtures/spf/expected-failures.json; they must still fail (so the list cannot go stale).
// authaudit's own cases (fixtures/spf/authaudit-tests.yml) are written in the same format and run by the
// same test; for them the expansion's range outcome, with the limits enforced (RFC 7208 §4.6.4), must
// give each test's client the result check_host() gives it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { checkHost, DEFAULT_EXPLANATION, spfIdentity } from '../../src/spf/check-host.js';
import { expandSpf } from '../../src/spf/expand.js';
import { rangeOutcome } from '../../src/spf/expand-outcome.js';
import { formatIp, parseIp, unmapIp4 } from '../../src/net/ip.js';
import { parseAddress } from '../../src/net/cidr-address.js';
import { SPF_RESULTS, type SpfResult } from '../../src/spf/types.js';
import { suiteZone } from './helpers/suite-zone.js';

interface SuiteTest {
  helo: string;
  host: string;
  mailfrom: string;
  result: SpfResult | SpfResult[];
  explanation?: string;
  spec?: string | number;
}
interface Scenario {
  description: string;
  tests: Record<string, SuiteTest>;
  zonedata: Record<string, (string | Record<string, unknown>)[]>;
}
interface ExpectedFailure {
  scenario: string;
  test: string;
  reason: string;
}

const fixtures = new URL('../../fixtures/spf/', import.meta.url);

function readScenarios(file: string): Scenario[] {
  return parseAllDocuments(readFileSync(fileURLToPath(new URL(file, fixtures)), 'latin1'))
    .map((doc) => doc.toJS() as Scenario | null)
    .filter((s): s is Scenario => s !== null);
}

const scenarios = readScenarios('rfc7208-tests.yml');
const ownScenarios = readScenarios('authaudit-tests.yml');
const expectedFailures = JSON.parse(
  readFileSync(fileURLToPath(new URL('expected-failures.json', fixtures)), 'utf8'),
) as { failures: ExpectedFailure[] };

/** The expected explanation: DEFAULT is this implementation's default text, expanded for the test. */
function expectedExplanation(t: SuiteTest): string | undefined {
  if (t.explanation !== 'DEFAULT') return t.explanation;
  const { sender } = spfIdentity(t.mailfrom, t.helo);
  const o = sender.slice(sender.lastIndexOf('@') + 1);
  const ip = parseIp(t.host);
  if (!ip) throw new Error(`bad host ${t.host}`);
  return DEFAULT_EXPLANATION.replace('%{o}', o).replace('%{c}', formatIp(unmapIp4(ip)));
}

async function runTest(scenario: Scenario, t: SuiteTest): Promise<void> {
  const resolver = suiteZone(scenario.zonedata);
  const { sender, domain } = spfIdentity(t.mailfrom, t.helo);
  const res = await checkHost(t.host, domain, sender, t.helo, { resolver, timestamp: 1_700_000_000 });
  const accepted = Array.isArray(t.result) ? t.result : [t.result];
  expect(accepted, `result ${res.result}; problem: ${res.problem?.message ?? '-'}`).toContain(res.result);
  const explanation = expectedExplanation(t);
  if (explanation !== undefined) {
    expect(res.explanation).toBe(explanation);
    expect(res.explanationFromRecord).toBe(t.explanation !== 'DEFAULT');
  }
}

/** authaudit's cases: check_host() as for the suite, and the expansion's outcome for the same client. */
async function runOwnTest(scenario: Scenario, t: SuiteTest): Promise<void> {
  await runTest(scenario, t);
  const { domain } = spfIdentity(t.mailfrom, t.helo);
  const tree = await expandSpf(domain, suiteZone(scenario.zonedata), { checkType99: false });
  const outcome = rangeOutcome(tree.root, { enforceLimits: true });
  const ip = parseIp(t.host);
  const client = ip ? parseAddress(formatIp(unmapIp4(ip))) : null;
  if (!client) throw new Error(`bad host ${t.host}`);
  const family = client.family === 4 ? 'ip4' : 'ip6';
  expect(SPF_RESULTS.filter((r) => outcome[r][family].contains(client.value)), 'the expansion\'s outcome').toEqual([t.result]);
}

const counts = { total: 0, expectedToFail: 0 };

describe('RFC 7208 test suite (openspf, pyspf release)', () => {
  for (const scenario of scenarios) {
    describe(scenario.description, () => {
      for (const [name, t] of Object.entries(scenario.tests)) {
        counts.total++;
        const known = expectedFailures.failures.find((f) => f.scenario === scenario.description && f.test === name);
        if (known) {
          counts.expectedToFail++;
          it.fails(`${name} (expected failure: ${known.reason})`, () => runTest(scenario, t));
        } else {
          it(`${name} [${String(t.spec ?? '')}]`, () => runTest(scenario, t));
        }
      }
    });
  }

  it('holds the 203 tests of the published suite', () => {
    expect(counts.total).toBe(203);
  });

  afterAll(() => {
    console.log(
      `RFC 7208 suite: ${counts.total} tests, ${counts.total - counts.expectedToFail} expected to pass, ` +
        `${counts.expectedToFail} listed in fixtures/spf/expected-failures.json`,
    );
  });
});

describe("authaudit's own cases in the suite's format (fixtures/spf/authaudit-tests.yml)", () => {
  for (const scenario of ownScenarios) {
    describe(scenario.description, () => {
      for (const [name, t] of Object.entries(scenario.tests)) {
        it(`${name} [${String(t.spec ?? '')}]`, () => runOwnTest(scenario, t));
      }
    });
  }
});
