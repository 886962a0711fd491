// `--trust-anchor FILE` (dnssec, audit --dnssec): the anchor to validate from, read once per run.
import { readFile } from 'node:fs/promises';
import type { CliContext } from './command.js';
import type { DNSKEYRecord } from '../model/records.js';
import { isAtOrBelow } from '../model/names.js';
import { UsageError } from '../model/usage-error.js';
import { readTrustAnchor, rootTrustAnchor, type TrustAnchor } from '../dnssec/trust-anchor.js';

/** `--trust-anchor FILE`, or the shipped root anchors. */
export async function trustAnchorOption(file: string | undefined): Promise<TrustAnchor> {
  if (file === undefined) return rootTrustAnchor();
  let text: string;
  try {
    text = await readFile(file, 'latin1');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`--trust-anchor ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory, not a file' : 'cannot be read'}`);
  }
  return readTrustAnchor(text, file);
}

/**
 * Offline (`--zone`) without `--trust-anchor`, the zone files are validated from their own keys
 * (the "from their own keys"): the DNSKEY RRset of the outermost loaded zone holding the
 * domain is the anchor; a zone without one is unsigned, and the report says so.
 */
async function ownKeysAnchor(ctx: CliContext, domain: string): Promise<TrustAnchor | null> {
  if (ctx.coverage?.mode !== 'offline') return null;
  const apex = ctx.coverage.zones.zones().filter((z) => isAtOrBelow(domain, z)).sort((a, b) => a.length - b.length)[0];
  if (apex === undefined) return null;
  const answer = await ctx.resolver.query(apex, 'DNSKEY');
  const keys = answer.kind === 'records' ? (answer.records as DNSKEYRecord[]) : [];
  const zone = apex === '' ? '.' : apex;
  return { zone: apex, ds: [], dnskey: keys, source: keys.length === 0 ? `the zone files (no DNSKEY at ${zone})` : `the DNSKEY records of ${zone} in the zone files` };
}

/** The anchor for one domain: the one given, else (offline) its zone files' own keys, else the root's. */
export async function anchorForDomain(ctx: CliContext, given: TrustAnchor | null, domain: string): Promise<TrustAnchor> {
  return given ?? (await ownKeysAnchor(ctx, domain)) ?? rootTrustAnchor();
}
