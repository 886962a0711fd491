// The BIMI evidence document at `a=`: a Mark Certificate (a VMC or a CMC), a PEM chain whose first
// certificate is the mark's. Checked as a verifying receiver would (BIMI §3.5; the Mark Certificate
// Guidelines' profile): validity dates, the BIMI extended key usage (1.3.6.1.5.5.7.3.31), the mark
// certificate policy, the domain in the subject alternative names, the mark type (which tells a VMC
// from a CMC), and the logotype extension (RFC 3709, id-pe-logotype) whose embedded SVG, and its
// hash, must equal the indicator published at `l=`; then the chain, up to roots given by the user (the
// Mark Verifying Authorities' roots are in no system store). node:crypto verifies the signatures; the
// extensions are decoded with the @peculiar ASN.1 schemas (the logotype one among them), which read
// them field by field where node:crypto only gives text.
import { createHash, X509Certificate } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate, CertificatePolicies, ExtendedKeyUsage, id_ce_certificatePolicies, id_ce_extKeyUsage, id_ce_subjectAltName, SubjectAlternativeName } from '@peculiar/asn1-x509';
import { id_pe_logotype, LogotypeExtn, type LogotypeInfo } from '@peculiar/asn1-x509-logotype';
import { nameKey } from '../model/names.js';

/** id-kp-BrandIndicatorforMessageIdentification (IANA SMI registry, id-kp 31). */
export const BIMI_EKU = '1.3.6.1.5.5.7.3.31';
/** The Mark Certificate policy of the Mark Certificate Guidelines. */
export const MARK_CERTIFICATE_POLICY = '1.3.6.1.4.1.53087.1.1';
/** The subject attribute `markType`, whose value tells a VMC from a CMC. */
export const MARK_TYPE = '1.3.6.1.4.1.53087.1.13';
const VMC_MARKS = new Set(['Registered Mark', 'Government Mark']);
const CMC_MARKS = new Set(['Prior Use Mark', 'Modified Registered Mark', 'Pending Registration Mark']);
/** SHA-1 signatures (RSA, ECDSA, DSA): receivers refuse chains that use them. */
const SHA1_SIGNATURES = new Set(['1.2.840.113549.1.1.5', '1.2.840.10045.4.1', '1.2.840.10040.4.3']);
const HASHES: Record<string, string> = { '1.3.14.3.2.26': 'sha1', '2.16.840.1.101.3.4.2.1': 'sha256', '2.16.840.1.101.3.4.2.2': 'sha384', '2.16.840.1.101.3.4.2.3': 'sha512' };
/** A chain longer than this is not followed (real ones have three or four certificates). */
const MAX_CHAIN = 8;

export type MarkKind = 'VMC' | 'CMC' | 'unknown';

export type MarkProblemCode =
  | 'not-pem'
  | 'bad-certificate'
  | 'expired'
  | 'not-yet-valid'
  | 'no-bimi-eku'
  | 'no-mark-policy'
  | 'domain-not-in-san'
  | 'no-mark-type'
  | 'no-logotype'
  | 'logotype-unreadable'
  | 'logotype-hash'
  | 'logo-differs'
  | 'sha1-signature'
  | 'chain-incomplete'
  | 'chain-signature'
  | 'chain-expired';

export interface MarkProblem {
  code: MarkProblemCode;
  message: string;
}

export interface MarkCertificateCheck {
  /** True when no problem was found (the chain included when roots were given). */
  valid: boolean;
  kind: MarkKind | null;
  markType: string | null;
  subject: string | null;
  issuer: string | null;
  notBefore: string | null;
  notAfter: string | null;
  /** DNS names of the subject alternative names. */
  domains: string[];
  /** The embedded logo equals the published indicator; null when either is missing. */
  logoMatches: boolean | null;
  /** True when the chain was checked up to a given root; false when no roots were given. */
  chainChecked: boolean;
  problems: MarkProblem[];
}

export interface MarkCertificateInput {
  /** The evidence document as fetched. */
  pem: Buffer;
  /** The domain whose BIMI record was used, and the author domain: one must be in the SANs. */
  domains: readonly string[];
  /** The published indicator, uncompressed (null when it could not be fetched). */
  svg: Buffer | null;
  /** PEM text of the roots to trust (`--bimi-roots`), or null. */
  roots: string | null;
  now: Date;
}

interface Parsed {
  der: Buffer;
  node: X509Certificate;
  asn: Certificate;
}

/** The certificates of a PEM text, in order; null when a block does not decode. */
export function pemCertificates(text: string): Buffer[] {
  const out: Buffer[] = [];
  for (const m of text.matchAll(/-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]*?)-----END CERTIFICATE-----/g)) {
    out.push(Buffer.from((m[1] as string).replace(/\s+/g, ''), 'base64'));
  }
  return out;
}

function parse(der: Buffer): Parsed | null {
  try {
    return { der, node: new X509Certificate(der), asn: AsnConvert.parse(der, Certificate) };
  } catch {
    return null;
  }
}

const extension = (c: Certificate, oid: string): ArrayBuffer | null => {
  const ext = c.tbsCertificate.extensions?.find((e) => e.extnID === oid);
  return ext === undefined ? null : ext.extnValue.buffer;
};

function subjectAttribute(c: Certificate, oid: string): string | null {
  for (const rdn of c.tbsCertificate.subject) {
    for (const atv of rdn) if (atv.type === oid) return atv.value.toString();
  }
  return null;
}

const iso = (d: Date): string => d.toISOString();

/** The embedded SVG of the subject logo: its `data:` URI decoded (and gunzipped), with its hash. */
function embeddedLogo(info: LogotypeInfo | undefined): { data: Buffer; svg: Buffer; hashes: { alg: string | null; value: Buffer }[] } | null {
  const image = info?.direct?.image?.find((i) => i.imageDetails.mediaType === 'image/svg+xml') ?? info?.direct?.image?.[0];
  if (image === undefined) return null;
  const uri = image.imageDetails.logotypeURI.find((u) => u.startsWith('data:'));
  if (uri === undefined) return null;
  const m = /^data:image\/svg\+xml(?:;[^,]*)?;base64,(.*)$/s.exec(uri);
  if (m === null) return null;
  const data = Buffer.from((m[1] as string).replace(/\s+/g, ''), 'base64');
  const svg = data[0] === 0x1f && data[1] === 0x8b ? gunzipSync(data, { maxOutputLength: 1024 * 1024 }) : data;
  const hashes = image.imageDetails.logotypeHash.map((h) => ({ alg: HASHES[h.hashAlg.algorithm] ?? null, value: Buffer.from(h.hashValue.buffer) }));
  return { data, svg, hashes };
}

/** Check a mark certificate chain against the published indicator and the domain. */
export function checkMarkCertificate(input: MarkCertificateInput): MarkCertificateCheck {
  const problems: MarkProblem[] = [];
  const empty: MarkCertificateCheck = { valid: false, kind: null, markType: null, subject: null, issuer: null, notBefore: null, notAfter: null, domains: [], logoMatches: null, chainChecked: false, problems };
  const ders = pemCertificates(input.pem.toString('latin1'));
  if (ders.length === 0) {
    problems.push({ code: 'not-pem', message: 'the evidence document holds no PEM certificate (-----BEGIN CERTIFICATE-----): a= must point at the mark certificate chain in PEM' });
    return empty;
  }
  const chain: Parsed[] = [];
  for (const [i, der] of ders.slice(0, MAX_CHAIN).entries()) {
    const p = parse(der);
    if (p === null) {
      problems.push({ code: 'bad-certificate', message: `certificate ${i + 1} of the evidence document is not a readable X.509 certificate` });
      return empty;
    }
    chain.push(p);
  }
  const leaf = chain[0] as Parsed;
  const tbs = leaf.asn.tbsCertificate;
  const notBefore = tbs.validity.notBefore.getTime();
  const notAfter = tbs.validity.notAfter.getTime();
  if (input.now < notBefore) problems.push({ code: 'not-yet-valid', message: `the mark certificate is valid only from ${iso(notBefore)}` });
  if (input.now > notAfter) problems.push({ code: 'expired', message: `the mark certificate expired on ${iso(notAfter)}: receivers stop showing the logo` });

  const eku = extension(leaf.asn, id_ce_extKeyUsage);
  const usages = eku === null ? [] : [...AsnConvert.parse(eku, ExtendedKeyUsage)];
  if (!usages.includes(BIMI_EKU)) {
    problems.push({ code: 'no-bimi-eku', message: `the certificate's extended key usage ${usages.length === 0 ? 'is missing' : `is ${usages.join(', ')}`}: a mark certificate has id-kp-BrandIndicatorforMessageIdentification (${BIMI_EKU})` });
  }
  const policiesExt = extension(leaf.asn, id_ce_certificatePolicies);
  const policies = policiesExt === null ? [] : [...AsnConvert.parse(policiesExt, CertificatePolicies)].map((p) => p.policyIdentifier);
  if (!policies.includes(MARK_CERTIFICATE_POLICY)) {
    problems.push({ code: 'no-mark-policy', message: `the certificate does not assert the mark certificate policy ${MARK_CERTIFICATE_POLICY}` });
  }
  const sanExt = extension(leaf.asn, id_ce_subjectAltName);
  const domains = sanExt === null ? [] : [...AsnConvert.parse(sanExt, SubjectAlternativeName)].flatMap((g) => (g.dNSName === undefined ? [] : [g.dNSName]));
  const wanted = input.domains.map(nameKey);
  if (!domains.some((d) => wanted.includes(nameKey(d)))) {
    problems.push({ code: 'domain-not-in-san', message: `the certificate is for ${domains.length === 0 ? 'no domain' : domains.join(', ')}, not ${[...new Set(wanted)].join(' or ')}: receivers show its logo only for the domains it names` });
  }
  const markType = subjectAttribute(leaf.asn, MARK_TYPE);
  const kind: MarkKind | null = markType === null ? null : VMC_MARKS.has(markType) ? 'VMC' : CMC_MARKS.has(markType) ? 'CMC' : 'unknown';
  if (markType === null) problems.push({ code: 'no-mark-type', message: `the certificate's subject has no markType (${MARK_TYPE}): it cannot be told to be a VMC or a CMC` });

  let logoMatches: boolean | null = null;
  const logoExt = extension(leaf.asn, id_pe_logotype);
  if (logoExt === null) {
    problems.push({ code: 'no-logotype', message: 'the certificate has no logotype extension (RFC 3709): a mark certificate embeds the SVG it vouches for' });
  } else {
    let logo: ReturnType<typeof embeddedLogo> = null;
    try {
      logo = embeddedLogo(AsnConvert.parse(logoExt, LogotypeExtn).subjectLogo);
    } catch {
      logo = null;
    }
    if (logo === null) {
      problems.push({ code: 'logotype-unreadable', message: 'the logotype extension holds no embedded SVG (a data:image/svg+xml;base64 URI) that can be read' });
    } else {
      const hashOk = logo.hashes.some((h) => h.alg !== null && h.alg !== 'sha1' && createHash(h.alg).update(logo.data).digest().equals(h.value));
      if (!hashOk) problems.push({ code: 'logotype-hash', message: 'the logotype extension\'s hash does not match its embedded SVG (or uses no hash receivers accept)' });
      if (input.svg !== null) {
        logoMatches = logo.svg.equals(input.svg);
        if (!logoMatches) problems.push({ code: 'logo-differs', message: 'the SVG embedded in the certificate differs from the indicator published at l=: receivers show no logo; publish exactly the SVG the certificate was issued for' });
      }
    }
  }
  for (const c of chain) {
    if (SHA1_SIGNATURES.has(c.asn.signatureAlgorithm.algorithm)) {
      problems.push({ code: 'sha1-signature', message: `${c.node.subject.replace(/\n/g, ', ')} is signed with SHA-1, which receivers refuse` });
    }
  }
  const roots = input.roots === null ? [] : pemCertificates(input.roots).map(parse).filter((p): p is Parsed => p !== null);
  const chainChecked = input.roots !== null;
  if (chainChecked) problems.push(...chainProblems(chain, roots, input.now));
  return {
    valid: problems.length === 0,
    kind,
    markType,
    subject: leaf.node.subject.replace(/\n/g, ', '),
    issuer: leaf.node.issuer.replace(/\n/g, ', '),
    notBefore: iso(notBefore),
    notAfter: iso(notAfter),
    domains,
    logoMatches,
    chainChecked,
    problems,
  };
}

/** From the mark certificate up through the intermediates given with it to one of the roots. */
function chainProblems(chain: readonly Parsed[], roots: readonly Parsed[], now: Date): MarkProblem[] {
  const problems: MarkProblem[] = [];
  const name = (p: Parsed): string => p.node.subject.replace(/\n/g, ', ');
  let current = chain[0] as Parsed;
  const pool = [...chain.slice(1), ...roots];
  for (let step = 0; step <= MAX_CHAIN; step++) {
    if (roots.some((r) => r.der.equals(current.der))) return problems;
    const issuer = pool.find((p) => p !== current && current.node.checkIssued(p.node));
    if (issuer === undefined) {
      problems.push({ code: 'chain-incomplete', message: `no certificate in the evidence document or the given roots issued ${name(current)} (issuer ${current.node.issuer.replace(/\n/g, ', ')}): the chain does not reach a trusted root` });
      return problems;
    }
    if (!current.node.verify(issuer.node.publicKey)) {
      problems.push({ code: 'chain-signature', message: `the signature on ${name(current)} does not verify with the key of ${name(issuer)}` });
      return problems;
    }
    const t = issuer.asn.tbsCertificate.validity;
    if (now < t.notBefore.getTime() || now > t.notAfter.getTime()) {
      problems.push({ code: 'chain-expired', message: `${name(issuer)} in the chain is valid only from ${iso(t.notBefore.getTime())} to ${iso(t.notAfter.getTime())}` });
    }
    current = issuer;
  }
  problems.push({ code: 'chain-incomplete', message: `the chain is longer than ${MAX_CHAIN} certificates` });
  return problems;
}
