// Findings about what the inputs cover: a domain the user named (command line, config, profile)
// that the zone files given do not hold. One table, listed in src/report/finding-registry.ts.
import { defineFindings } from '../findings/types.js';

export const COVERAGE_FINDINGS = defineFindings({
  // Offline the files are the whole world: a name outside every zone gets NXDOMAIN from them, but a
  // name error means something only from the zone that holds the name (RFC 1035 §4.1.1), so
  // nothing is known about the domain and it is not checked.
  'zone-not-covered': { severity: 'error', title: 'Domain lies in none of the zone files (offline)', rule: 'RFC 1034 §4.3.2, RFC 1035 §4.1.1' },
  // RFC 1034 §4.3.2: no loaded zone holds the name, so the answers come from elsewhere (the live DNS).
  'overlay-not-covering': { severity: 'info', title: 'Domain lies outside every overlay zone: answered by the live DNS', rule: 'RFC 1034 §4.3.2' },
});
