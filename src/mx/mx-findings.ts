// Findings for a domain's MX, from its MX report.
import { foreignOrganization } from '../org-domain/foreign-organization.js';
import { parseIp } from '../net/ip.js';
import { unreachableBlock, type UnreachableRange } from '../net/unreachable-ranges.js';
import { finding, type Evidence, type Finding } from '../findings/types.js';
import type { MxHostReport, MxReport } from './check-mx.js';
import { MX_FINDINGS as F } from './findings.js';

/** The RFC 6890 block no outside sender can reach that `address` (A or AAAA text) is in, or null. */
export function unreachableRange(address: string): UnreachableRange | null {
  const parsed = parseIp(address);
  return parsed === null ? null : unreachableBlock(parsed);
}

const present = (h: MxHostReport): string => `${h.preference} ${h.exchange === '' ? '.' : `${h.exchange}.`}`;

export function mxFindings(report: Omit<MxReport, 'findings'>): Finding[] {
  const out: Finding[] = [];
  const d = report.domain;
  const mxText = report.hosts.map(present).join('\n') || null;
  const ev = (host: MxHostReport | null, extra: Partial<Evidence> = {}): Partial<Evidence> => ({
    domain: d,
    record: host === null ? mxText : `${d}. MX ${present(host)}`,
    file: host?.source?.file ?? report.hosts[0]?.source?.file ?? null,
    line: host?.source?.line ?? report.hosts[0]?.source?.line ?? null,
    ...extra,
  });

  switch (report.kind) {
    case 'temperror': {
      const why = report.mx.failure ?? report.implicit?.a.failure ?? report.implicit?.aaaa.failure;
      out.push(finding(F['mx-dns-failure'], `the MX lookup for ${d} failed (${why?.kind ?? 'failure'}: ${why?.detail ?? ''}): senders defer mail and receivers may defer mail from this domain`, ev(null), 'Make the authoritative servers answer MX (and A/AAAA) queries reliably.'));
      return out;
    }
    case 'nxdomain':
      out.push(finding(F['mx-domain-nxdomain'], `${d} does not exist (NXDOMAIN): mail to it bounces, and receivers refuse mail whose MAIL FROM or From is in it (Yahoo: "unresolvable RFC.5321 from domain")`, ev(null), `Create ${d} with MX records, or send from a domain that exists.`));
      return out;
    case 'no-mail':
      out.push(finding(F['mx-none'], `${d} has no MX and no A/AAAA record, so it cannot receive mail (RFC 5321 §5.1): bounces and replies to it are lost`, ev(null), `Publish MX records for ${d}, or "${d}. MX 0 ." (RFC 7505) to say it takes no mail.`));
      return out;
    case 'implicit':
      out.push(finding(F['mx-implicit'], `${d} has no MX record: mail goes to its own address${(report.implicit?.addresses.length ?? 0) === 1 ? '' : 'es'} ${report.implicit?.addresses.join(', ') ?? ''} (implicit MX, RFC 5321 §5.1)`, ev(null), `Publish an MX record for ${d} (or "MX 0 ." if it takes no mail, RFC 7505).`));
      return out;
    case 'null-mx':
      out.push(finding(F['mx-null'], `${d} publishes a null MX: it accepts no mail (RFC 7505 §3), and receivers may refuse mail whose MAIL FROM or From is ${d} (RFC 7505 §4.2; Yahoo rejects it)`, ev(report.hosts[0] ?? null), null));
      if ((report.hosts[0]?.preference ?? 0) !== 0) {
        out.push(finding(F['mx-null-preference'], `the null MX of ${d} has preference ${report.hosts[0]?.preference ?? ''}; RFC 7505 §3 says 0`, ev(report.hosts[0] ?? null), `Publish "${d}. MX 0 .".`));
      }
      return out;
    case 'mx':
      break;
  }

  const roots = report.hosts.filter((h) => h.status === 'null');
  if (roots.length > 0) {
    out.push(finding(F['mx-null-mixed'], `${d} publishes a null MX ("MX ${roots[0]?.preference ?? 0} .") beside other MX records: RFC 7505 §3 says a null MX must be the only one, so senders may treat the domain as taking no mail or try the other hosts`, ev(roots[0] ?? null), 'Remove the "." MX record if the domain takes mail; otherwise remove every other MX record.'));
  }
  const real = report.hosts.filter((h) => h.status !== 'null');
  const anyResolves = real.some((h) => h.status === 'ok');
  for (const h of real) {
    const path = h.cnameChain.length > 0 ? [h.exchange, ...h.cnameChain.map((l) => l.target)] : null;
    switch (h.status) {
      case 'ip-literal':
        out.push(finding(F['mx-ip-literal'], `MX ${present(h)} names an IP address: an MX exchange must be a host name (RFC 1035 §3.3.9, RFC 5321 §5.1), so senders look up "${h.exchange}" as a name and fail`, ev(h), `Publish an A/AAAA record for a host name (e.g. mx.${d}) and point the MX at it.`));
        break;
      case 'unresolvable': {
        const why = h.a?.outcome === 'nxdomain' ? 'does not exist (NXDOMAIN)' : 'has no A or AAAA record';
        const provider = foreignOrganization(d, h.exchange);
        out.push(
          finding(
            F['mx-host-unresolvable'],
            `MX host ${h.exchange} ${why}: senders cannot deliver to it (RFC 5321 §5.1)${anyResolves ? '; they fall back to the other hosts' : ', and no other MX host resolves, so mail to the domain bounces'}`,
            ev(h, { path }),
            provider === null
              ? `Publish an A/AAAA record for ${h.exchange}, or remove the MX record.`
              : `${h.exchange} is in ${provider}'s zone, not yours: point the MX record at the host name your mail provider documents today, or remove the MX record.`,
            anyResolves ? 'warning' : 'error',
          ),
        );
        break;
      }
      case 'temperror':
        out.push(finding(F['mx-host-temperror'], `the address lookups for MX host ${h.exchange} failed (${(h.a?.failure ?? h.aaaa?.failure)?.kind ?? 'failure'}): senders defer delivery to it`, ev(h, { path }), `Make the servers for ${h.exchange} answer A/AAAA reliably.`));
        break;
      case 'ok':
        for (const address of h.addresses) {
          const range = unreachableRange(address);
          if (range !== null) {
            out.push(finding(F['mx-host-non-public-address'], `MX host ${h.exchange} resolves to ${address}, a ${range} address no outside sender can reach (RFC 6890)`, ev(h, { path }), `Point ${h.exchange} at the public address of the mail server.`));
          }
        }
        break;
      case 'null':
        break;
    }
    if (path !== null) {
      out.push(finding(F['mx-cname'], `MX host ${h.exchange} is an alias (CNAME to ${path.slice(1).join(' → ')}): the MX target must be the canonical name (RFC 2181 §10.3, RFC 5321 §5.1), and some senders refuse to follow it`, ev(h, { path }), `Point the MX at ${path[path.length - 1] ?? 'the canonical name'} directly.`));
    }
  }
  return out;
}
