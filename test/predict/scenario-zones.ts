// The scenario world: the zones in fixtures/predict, plus the temporary failures a zone file cannot
// express (SERVFAIL on flaky.example TXT, on its DKIM key, and on _dmarc.shaky.example).
import type { RRType } from '../../src/dns/types.js';
import { loadZoneResolver, ZoneResolver } from '../../src/dns/zone-resolver.js';

export const SCENARIO_ZONES = 'fixtures/predict';
export const SCENARIO_PROFILES = 'fixtures/predict/profiles.json';
export const FAILURE_PROFILES = 'fixtures/predict/failures.json';

const ALL_TYPES: RRType[] = ['A', 'AAAA', 'MX', 'TXT', 'PTR', 'CNAME', 'NS', 'SOA', 'SPF'];
const allBut = (...types: RRType[]): RRType[] => ALL_TYPES.filter((t) => !types.includes(t));

export async function scenarioResolver(): Promise<ZoneResolver> {
  const files = await loadZoneResolver([SCENARIO_ZONES]);
  return ZoneResolver.fromRecords(files.records(), {
    zones: files.zones(),
    failures: [
      { name: 'flaky.example', failure: 'servfail', exceptTypes: allBut('TXT') },
      { name: 's1._domainkey.flaky.example', failure: 'timeout', exceptTypes: [] },
      { name: '_dmarc.shaky.example', failure: 'servfail', exceptTypes: [] },
    ],
  });
}
