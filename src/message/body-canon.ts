// RFC 6376 §3.4.3 (simple) and §3.4.4 (relaxed) body canonicalization as a stream: bytes go in as
// they are read, canonical bytes come out into a hash, and nothing but a few flags is kept between
// chunks, so a 100 MB body is hashed in bounded memory. A bare LF is read as CRLF (the reader says
// so in a finding); a CR not followed by LF is an ordinary byte. `l=` (§3.5) limits the bytes hashed.
import { createHash } from 'node:crypto';

export type Canonicalization = 'simple' | 'relaxed';
export type HashAlgorithm = 'sha256' | 'sha1';

const CR = 0x0d;
const LF = 0x0a;
const SP = 0x20;
const HTAB = 0x09;
const CRLF = Buffer.from('\r\n');
const OUT_SIZE = 64 * 1024;

export interface BodyHashResult {
  /** The hash of the canonical body (of its first `limit` bytes when l= is given). */
  digest: Buffer;
  /** Length of the whole canonical body, in bytes. */
  canonicalLength: number;
  /** Bytes hashed (min(limit, canonicalLength)). */
  hashedLength: number;
}

export class BodyCanonicalizer {
  private readonly hash: { update(bytes: Buffer): unknown; digest(): Buffer };
  private readonly out = Buffer.alloc(OUT_SIZE);
  private used = 0;
  private total = 0;
  private hashed = 0;
  /** Empty lines seen since the last line with content: dropped if the body ends here (§3.4.3, §3.4.4). */
  private pendingEmpty = 0;
  /** relaxed: white space seen on the current line and not yet written (§3.4.4 a, b). */
  private pendingWsp = false;
  /** A CR was read; it is a line end if an LF follows. */
  private pendingCr = false;
  private lineHasContent = false;

  constructor(
    readonly canonicalization: Canonicalization,
    readonly algorithm: HashAlgorithm,
    /** `l=`: at most this many canonical bytes are hashed; null for all of them. */
    readonly limit: number | null,
    /** Where canonical bytes go instead of the hash (tests read the canonical body itself). */
    sink?: (bytes: Buffer) => void,
  ) {
    this.hash = sink === undefined ? createHash(algorithm) : { update: (b: Buffer) => sink(Buffer.from(b)), digest: () => Buffer.alloc(0) };
  }

  private emitByte(b: number): void {
    if (this.used === OUT_SIZE) this.flush();
    this.out[this.used++] = b;
  }

  private emitCrlf(): void {
    this.emitByte(CR);
    this.emitByte(LF);
  }

  private flush(): void {
    if (this.used === 0) return;
    const chunk = this.out.subarray(0, this.used);
    this.total += chunk.length;
    if (this.limit === null) {
      this.hash.update(chunk);
      this.hashed += chunk.length;
    } else if (this.hashed < this.limit) {
      const take = Math.min(chunk.length, this.limit - this.hashed);
      this.hash.update(chunk.subarray(0, take));
      this.hashed += take;
    }
    this.used = 0;
  }

  /** A byte that is part of a line's content (not a line end). */
  private content(b: number): void {
    const relaxed = this.canonicalization === 'relaxed';
    if (relaxed && (b === SP || b === HTAB)) {
      this.pendingWsp = true; // §3.4.4 b: a run of WSP becomes one SP, unless it ends the line (a)
      return;
    }
    while (this.pendingEmpty > 0) {
      this.emitCrlf();
      this.pendingEmpty--;
    }
    if (this.pendingWsp) {
      this.emitByte(SP);
      this.pendingWsp = false;
    }
    this.emitByte(b);
    this.lineHasContent = true;
  }

  private lineEnd(): void {
    this.pendingWsp = false; // §3.4.4 a: white space at the end of a line is ignored
    if (this.lineHasContent) this.emitCrlf();
    else this.pendingEmpty++;
    this.lineHasContent = false;
  }

  update(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] as number;
      if (this.pendingCr) {
        this.pendingCr = false;
        if (b === LF) {
          this.lineEnd();
          continue;
        }
        this.content(CR);
      }
      if (b === CR) this.pendingCr = true;
      else if (b === LF) this.lineEnd(); // a bare LF, read as CRLF
      else this.content(b);
    }
  }

  digest(): BodyHashResult {
    if (this.pendingCr) {
      this.pendingCr = false;
      this.content(CR);
    }
    // a last line without CRLF gets one (§3.4.3, §3.4.4)
    if (this.lineHasContent) this.emitCrlf();
    // §3.4.3: an empty body is canonicalized as a single CRLF under simple; empty under relaxed
    if (this.total === 0 && this.used === 0 && this.canonicalization === 'simple') this.emitCrlf();
    this.flush();
    return { digest: this.hash.digest(), canonicalLength: this.total, hashedLength: this.hashed };
  }
}

/** The canonical body of a whole buffer at once (tests, small bodies). */
export function canonicalBody(body: Uint8Array, canonicalization: Canonicalization): Buffer {
  const parts: Buffer[] = [];
  const c = new BodyCanonicalizer(canonicalization, 'sha256', null, (b) => parts.push(b));
  c.update(body);
  c.digest();
  return Buffer.concat(parts);
}

export { CRLF };
