// ARC chain validation (RFC 8617 §5.2) over the sets arc-sets.ts reads. The ARC-Message-Signature
// and the ARC-Seal are verified by the DKIM verifier (verify-dkim.ts: the same key lookup, body
// hashes and header canonicalization); the seal's data is the ARC sets (§5.1.1). The result is
// none (no ARC fields), pass or fail, with the instance where the chain breaks and why.
import type { Resolver } from '../dns/types.js';
import { ARC_MAX_INSTANCE, type DkimSignature } from './dkim-signature.js';
import { arcFields, sealedData, type ArcFields, type ArcSet } from './arc-sets.js';
import type { BodyHashResult } from './body-canon.js';
import type { HeaderField } from './read-message.js';
import { verifyDkimSignature, type DkimVerification } from './verify-dkim.js';

export type ArcResult = 'none' | 'pass' | 'fail';

export interface ArcSetCheck {
  instance: number;
  /** The authserv-id of the set's ARC-Authentication-Results. */
  authservId: string | null;
  /** cv= of the set's seal. */
  chainValidation: 'none' | 'pass' | 'fail' | null;
  seal: DkimVerification | null;
  messageSignature: DkimVerification | null;
}

export interface ArcCheck {
  result: ArcResult;
  /** ARC header fields in the message. */
  fields: number;
  /** The highest instance (0 without ARC). */
  instances: number;
  /** The instance where the chain breaks (fail); null otherwise, or when a field names no instance. */
  brokenAt: number | null;
  /** Why it fails, citing RFC 8617; null for none and pass. */
  reason: string | null;
  sets: ArcSetCheck[];
}

interface ArcVerifyOptions {
  resolver: Resolver;
  now: number;
}

/** §5.2 step 3: every instance 1..N has exactly one field of each kind; cv=none at 1, pass above. */
function structureProblem(read: ArcFields): { at: number | null; why: string } | null {
  const first = read.unplaced[0];
  if (first !== undefined) return { at: null, why: first.reason };
  const top = read.sets[read.sets.length - 1] as ArcSet;
  if (top.instance > ARC_MAX_INSTANCE) return { at: top.instance, why: `instance ${top.instance} is above ${ARC_MAX_INSTANCE} (RFC 8617 §4.2.1)` };
  for (let i = 1; i <= top.instance; i++) {
    const set = read.sets.find((s) => s.instance === i);
    if (set === undefined) return { at: i, why: `there is no ARC set with instance ${i} below instance ${top.instance}: the sets must run from 1 without a gap (RFC 8617 §4.2.1, §5.2 step 3)` };
    const counts: [string, number][] = [
      ['ARC-Authentication-Results', set.results.length],
      ['ARC-Message-Signature', set.messageSignatures.length],
      ['ARC-Seal', set.seals.length],
    ];
    for (const [name, n] of counts) {
      if (n !== 1) return { at: i, why: `instance ${i} has ${n === 0 ? 'no' : n} ${name} field${n === 1 ? '' : 's'}; each set has exactly one (RFC 8617 §4.1, §5.2 step 3)` };
    }
    const seal = set.seals[0] as DkimSignature;
    const want = i === 1 ? 'none' : 'pass';
    if (seal.chainValidation !== null && seal.chainValidation !== want) {
      return { at: i, why: `the ARC-Seal of instance ${i} says cv=${seal.chainValidation}; instance ${i} must say cv=${want} (RFC 8617 §5.2 step 3)` };
    }
  }
  return null;
}

export async function verifyArc(fields: readonly HeaderField[], bodyHashes: ReadonlyMap<string, BodyHashResult>, options: ArcVerifyOptions): Promise<ArcCheck> {
  const read = arcFields(fields);
  if (read.count === 0) return { result: 'none', fields: 0, instances: 0, brokenAt: null, reason: null, sets: [] };
  const instances = read.sets.reduce((m, s) => Math.max(m, s.instance), 0);
  const verify = (sig: DkimSignature | undefined, sealed?: Buffer): Promise<DkimVerification | null> =>
    sig === undefined ? Promise.resolve(null) : verifyDkimSignature(sig, fields, bodyHashes, { resolver: options.resolver, now: options.now, ...(sealed === undefined ? {} : { sealed }) });
  const sets: ArcSetCheck[] = await Promise.all(
    read.sets.map(async (set) => {
      const seal = set.seals[0];
      const data = seal === undefined ? null : sealedData(read.sets, seal);
      return {
        instance: set.instance,
        authservId: set.results[0]?.authservId ?? null,
        chainValidation: seal?.chainValidation ?? null,
        seal: await verify(seal, data ?? undefined),
        messageSignature: await verify(set.messageSignatures[0]),
      };
    }),
  );
  const fail = (at: number | null, why: string): ArcCheck => ({ result: 'fail', fields: read.count, instances, brokenAt: at, reason: why, sets });

  // §5.2 step 2: the newest seal already says the chain failed
  const newest = read.sets.find((s) => s.instance === instances)?.seals[0];
  if (newest?.chainValidation === 'fail') return fail(instances, `the ARC-Seal of instance ${instances} says cv=fail: the last handler found the chain broken (RFC 8617 §5.2 step 2)`);
  const structure = structureProblem(read);
  if (structure !== null) return fail(structure.at, structure.why);
  // §5.2 step 4: the newest ARC-Message-Signature must verify
  const top = sets[sets.length - 1] as ArcSetCheck;
  const ams = top.messageSignature as DkimVerification;
  if (ams.result !== 'pass') return fail(top.instance, `the ARC-Message-Signature of instance ${top.instance} does not verify: ${ams.detail} (RFC 8617 §5.2 step 4)`);
  // §5.2 step 5: every seal must verify, newest first
  for (const s of [...sets].reverse()) {
    const seal = s.seal as DkimVerification;
    if (seal.result !== 'pass') return fail(s.instance, `the ARC-Seal of instance ${s.instance} does not verify: ${seal.detail} (RFC 8617 §5.2 step 5)`);
  }
  return { result: 'pass', fields: read.count, instances, brokenAt: null, reason: null, sets };
}

/** The body hashes the ARC-Message-Signatures need (read with the message, beside DKIM's). */
export function arcMessageSignatures(fields: readonly HeaderField[]): DkimSignature[] {
  return arcFields(fields).sets.flatMap((s) => s.messageSignatures);
}
