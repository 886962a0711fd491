// What the options of definitions/transport-options.ts allow a run: HTTPS fetches on with network
// resolution and off offline (--zone) or in diff unless --fetch; the STARTTLS probe only with --smtp;
// both trusting --ca-file beside the system roots and logging to --verbose. A --ca-file that cannot be
// read or holds no PEM certificate is bad input (exit 2) naming the file.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { X509Certificate } from 'node:crypto';
import type { CliContext } from './command.js';
import { httpsOff, type HttpsAccess } from '../fetch/access.js';
import type { SmtpAccess } from '../transport/probe-mx.js';
import { UsageError } from '../model/usage-error.js';

export interface TransportAccess {
  https: HttpsAccess;
  /** Null without --smtp. */
  smtp: SmtpAccess | null;
}

/** The certificates of a PEM file given with `option` (--ca-file, --bimi-roots); bad input names the option and the file. */
export function readPemCertificatesFile(option: string, file: string): string {
  let text: string;
  try {
    text = readFileSync(resolve(process.cwd(), file), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new UsageError(`${option} ${file}: ${why}`);
  }
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new UsageError(`${option} ${file}: holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  blocks.forEach((block, i) => {
    try {
      new X509Certificate(block);
    } catch {
      throw new UsageError(`${option} ${file}: certificate ${i + 1} is not a readable X.509 certificate`);
    }
  });
  return blocks.join('\n');
}

function readPort(text: unknown): number {
  const port = Number(text);
  if (typeof text !== 'string' || !/^\d+$/.test(text) || port < 1 || port > 65535) throw new UsageError(`--smtp-port ${String(text)}: not a port number (1-65535)`);
  return port;
}

/**
 * `fetchOffWhere`: why fetches are off for this command even with network resolution (diff: "in
 * diff"), or null when they are on there.
 */
export function transportAccess(ctx: CliContext, options: Record<string, unknown>, fetchOffWhere: string | null = null): TransportAccess {
  const ca = typeof options['caFile'] === 'string' ? readPemCertificatesFile('--ca-file', options['caFile']) : null;
  const log = (line: string): void => ctx.log(line);
  const fetchFlag = options['fetch'] === true;
  // --timeout bounds each step: an HTTPS step gets twice a DNS query's time, an SMTP reply three
  // times (greeting delays of a few seconds are common); each whole exchange six times that
  const t = ctx.options.timeout;
  const timeouts = { connectMs: 2 * t, responseMs: 2 * t, totalMs: 6 * t };
  let https: HttpsAccess;
  if (fetchFlag) https = { allowed: true, offReason: null, ca, log, timeouts };
  else if (fetchOffWhere !== null) https = { ...httpsOff(`HTTPS fetches are off ${fetchOffWhere}; pass --fetch to fetch`), ca };
  else if (ctx.options.zone.length > 0) https = { ...httpsOff('offline (--zone), HTTPS fetches are off; pass --fetch to fetch'), ca };
  else https = { allowed: true, offReason: null, ca, log, timeouts };
  const smtp = options['smtp'] === true ? { ca, log, port: readPort(options['smtpPort']), timeouts: { connectMs: 2 * t, replyMs: 3 * t, totalMs: 6 * 3 * t } } : null;
  return { https, smtp };
}
