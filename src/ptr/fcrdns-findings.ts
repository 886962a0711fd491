// Findings for one address's reverse DNS, from its FCrDNS report.
import { finding, withEdits, type Evidence, type Finding } from '../findings/types.js';
import type { FcrdnsReport, PtrNameCheck } from './fcrdns.js';
import { PTR_FINDINGS as F } from './findings.js';

function describeForward(n: PtrNameCheck): string {
  if (!n.checked) return `${n.name} (not checked)`;
  switch (n.outcome) {
    case 'records':
      return `${n.name} → ${n.addresses.join(', ')}`;
    case 'nxdomain':
      return `${n.name} → NXDOMAIN`;
    case 'nodata':
      return `${n.name} → no ${n.forwardType} record`;
    case 'failure':
      return `${n.name} → ${n.failure?.kind ?? 'failure'}`;
    default:
      return n.name;
  }
}

/** Octet patterns that mark a generated ("generic") PTR name: 192-0-2-10, 10.2.0.192, 192000002010. */
function looksGeneric(report: Omit<FcrdnsReport, 'findings'>, name: string): boolean {
  if (report.family !== 4) return false;
  const o = report.address.split('.');
  const r = [...o].reverse();
  const forms = [o.join('-'), r.join('-'), o.join('.'), r.join('.'), o.join('_'), r.join('_'), o.map((x) => x.padStart(3, '0')).join('')];
  const lower = name.toLowerCase();
  return forms.some((f) => new RegExp(`(^|[^0-9])${f.replace(/\./g, '\\.')}([^0-9]|$)`).test(lower));
}

export function fcrdnsFindings(report: Omit<FcrdnsReport, 'findings'>): Finding[] {
  const out: Finding[] = [];
  const ptrPath = [report.reverseName, ...report.ptr.cnameChain.map((l) => l.target)];
  const ev = (extra: Partial<Evidence> = {}): Partial<Evidence> => ({
    domain: report.reverseName,
    record: report.names.length > 0 ? report.names.map((n) => n.name).join(', ') : null,
    path: ptrPath.length > 1 ? ptrPath : null,
    file: report.ptr.source?.file ?? null,
    line: report.ptr.source?.line ?? null,
    ...extra,
  });
  const ipv6 = report.family === 6 ? ' Outlook.com also requires reverse DNS for IPv6 senders (5.7.25).' : '';

  switch (report.result) {
    case 'none':
      out.push(
        finding(
          F['ptr-none'],
          `${report.address} has no PTR record at ${report.reverseName} (${report.ptr.outcome === 'nxdomain' ? 'NXDOMAIN' : 'no PTR data'}): iprev cannot pass (RFC 8601 §3), and Gmail rejects with 550 5.7.25.${ipv6}`,
          ev(),
          `Ask whoever holds ${report.address} (the hosting or network provider) to publish a PTR record naming a host whose ${report.family === 4 ? 'A' : 'AAAA'} record is ${report.address}.`,
        ),
      );
      break;
    case 'fail': {
      const host = report.names[0]?.name ?? null;
      const f = finding(
        F['ptr-not-confirmed'],
        `${report.address} has PTR names, but none resolves back to it (${report.names.filter((n) => n.checked).map(describeForward).join('; ')}): forward-confirmed reverse DNS fails (RFC 8601 §3), and Gmail rejects with 550 5.7.25`,
        ev({ path: [...ptrPath, ...report.names.filter((n) => n.checked).map((n) => n.name)] }),
        `Add ${report.family === 4 ? 'an A' : 'an AAAA'} record ${report.address} to ${host ?? 'the PTR name'}, or change the PTR to a name that has one.`,
      );
      // RFC 8601 §3: the PTR name must resolve back to the address
      out.push(host === null ? f : withEdits(f, [{ action: 'add', name: host, type: report.family === 4 ? 'A' : 'AAAA', value: report.address, current: null }]));
      break;
    }
    case 'temperror': {
      const where = report.ptr.failure !== null ? `the PTR lookup at ${report.reverseName} failed (${report.ptr.failure.kind}: ${report.ptr.failure.detail})` : `forward lookups failed (${report.names.filter((n) => n.outcome === 'failure').map(describeForward).join('; ')})`;
      out.push(
        finding(
          F['ptr-temperror'],
          `reverse DNS for ${report.address} could not be confirmed: ${where}; iprev gives temperror (RFC 8601 §3) and Gmail defers with 421 4.7.0 / 4.7.23`,
          ev(),
          'Make the reverse zone and the forward names answer reliably.',
        ),
      );
      break;
    }
    case 'pass':
      break;
  }

  if (report.truncated) {
    out.push(
      finding(
        F['ptr-too-many-names'],
        `${report.reverseName} has ${report.names.length} PTR names; receivers check at most ${report.names.filter((n) => n.checked).length} (RFC 7208 §5.5), so the rest never confirm the address`,
        ev(),
        'Publish one PTR name per address.',
      ),
    );
  } else if (report.names.length > 1) {
    out.push(
      finding(
        F['ptr-multiple-names'],
        `${report.reverseName} has ${report.names.length} PTR names: many receivers use only the first one they get, in no fixed order (RFC 1912 §2.1 advises one)`,
        ev(),
        'Publish one PTR name per address, one whose forward record is the address.',
      ),
    );
  }

  const confirmed = report.confirmedName;
  if (confirmed !== null && looksGeneric(report, confirmed)) {
    out.push(
      finding(
        F['ptr-generic-name'],
        `the PTR name ${confirmed} holds the address itself, which receivers read as a generic (dynamic or unmanaged) host; Yahoo asks bulk senders for non-generic reverse DNS`,
        ev({ record: confirmed }),
        'Use a PTR name that names the mail server, e.g. mail.<your domain>, with a matching forward record.',
      ),
    );
  }
  return out;
}
