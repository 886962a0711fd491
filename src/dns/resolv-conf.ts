// The system's nameservers from /etc/resolv.conf (resolv.conf(5)): `nameserver` lines only.

import { readFile } from 'node:fs/promises';
import { DNS_PORT, ServerSpecError, parseServerSpec, type ServerSpec } from './server-spec.js';
import { fileErrorReason } from '../zone/file-source.js';

export const RESOLV_CONF_PATH = '/etc/resolv.conf';

/** resolv.conf(5): at most MAXNS (3) name servers are used. */
export const MAX_NAMESERVERS = 3;

/** resolv.conf(5): with no nameserver lines, the name server on the local machine is used. */
export const LOCAL_NAMESERVERS: readonly ServerSpec[] = [
  { address: '127.0.0.1', port: DNS_PORT, family: 4 },
  { address: '::1', port: DNS_PORT, family: 6 },
];

export interface ResolvConf {
  servers: ServerSpec[];
  /** Lines that were skipped, as `line N: reason` (for --verbose). */
  warnings: string[];
}

export function parseResolvConf(text: string): ResolvConf {
  const servers: ServerSpec[] = [];
  const warnings: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/[#;].*$/, '').trim(); // comments start with '#' or ';'
    const [keyword, value, ...extra] = line.split(/\s+/);
    if (keyword !== 'nameserver') return;
    if (value === undefined || extra.length > 0) {
      warnings.push(`line ${index + 1}: expected 'nameserver ADDRESS'`);
      return;
    }
    // The file gives bare addresses, on port 53; an IPv6 scope (fe80::1%eth0) is kept.
    try {
      const server = parseServerSpec(value.includes(':') && !value.startsWith('[') ? `[${value}]` : value);
      if (servers.length < MAX_NAMESERVERS) servers.push(server);
      else warnings.push(`line ${index + 1}: more than ${MAX_NAMESERVERS} name servers, ${value} ignored`);
    } catch (error) {
      if (!(error instanceof ServerSpecError)) throw error;
      warnings.push(`line ${index + 1}: ${error.reason}`);
    }
  });
  return { servers, warnings };
}

/**
 * The system's name servers, or the local machine's when the file is missing, unreadable or
 * lists none (what the C library does).
 */
export async function systemNameservers(path = RESOLV_CONF_PATH): Promise<ResolvConf> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { servers: [...LOCAL_NAMESERVERS], warnings: [`${path}: ${fileErrorReason(error)}; using the local name server`] };
  }
  const parsed = parseResolvConf(text);
  if (parsed.servers.length > 0) return parsed;
  return { servers: [...LOCAL_NAMESERVERS], warnings: [...parsed.warnings, `${path}: no nameserver lines; using the local name server`] };
}
