// Test mark certificates, made in the test: a root of our own, and mark certificates (VMC/CMC)
// with the BIMI extended key usage, SANs, the markType subject attribute and an RFC 3709 logotype
// extension embedding an SVG, built with the @peculiar ASN.1 schemas and signed with node:crypto
// (ECDSA P-256 with SHA-256; an RSA issuer signs with SHA-1, for the signature receivers refuse).
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  BasicConstraints,
  Certificate,
  CertificatePolicies,
  ExtendedKeyUsage,
  Extension,
  Extensions,
  GeneralName,
  Name,
  PolicyInformation,
  RelativeDistinguishedName,
  SubjectAlternativeName,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
  id_ce_basicConstraints,
  id_ce_certificatePolicies,
  id_ce_extKeyUsage,
  id_ce_subjectAltName,
} from '@peculiar/asn1-x509';
import { HashAlgAndValue, id_pe_logotype, LogotypeData, LogotypeDetails, LogotypeExtn, LogotypeImage, LogotypeInfo } from '@peculiar/asn1-x509-logotype';
import { BIMI_EKU, MARK_CERTIFICATE_POLICY, MARK_TYPE } from '../../src/bimi/mark-certificate.js';

export interface Issuer {
  name: Name;
  key: KeyObject;
  certificate: Buffer;
}

const DAY = 86_400_000;
const ECDSA_SHA256 = '1.2.840.10045.4.3.2';
const RSA_SHA1 = '1.2.840.113549.1.1.5';
const SHA256 = '2.16.840.1.101.3.4.2.1';

const nameOf = (attrs: [string, string][]): Name =>
  new Name(attrs.map(([type, value]) => new RelativeDistinguishedName([new AttributeTypeAndValue({ type, value: new AttributeValue({ utf8String: value }) })])));

const ext = (extnID: string, value: unknown, critical = false): Extension =>
  new Extension({ extnID, critical, extnValue: new OctetString(AsnConvert.serialize(value)) });

function build(options: { subject: Name; issuer: Name; publicKey: KeyObject; signer: KeyObject; extensions: Extension[]; notBefore: Date; notAfter: Date; sha1?: boolean }): Buffer {
  const algorithm = new AlgorithmIdentifier({ algorithm: options.sha1 === true ? RSA_SHA1 : ECDSA_SHA256, ...(options.sha1 === true ? { parameters: null } : {}) });
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: new Uint8Array([0x01, ...randomBytes(8)]).buffer,
    signature: algorithm,
    issuer: options.issuer,
    validity: new Validity({ notBefore: options.notBefore, notAfter: options.notAfter }),
    subject: options.subject,
    subjectPublicKeyInfo: AsnConvert.parse(options.publicKey.export({ type: 'spki', format: 'der' }), SubjectPublicKeyInfo),
    extensions: new Extensions(options.extensions),
  });
  const tbsDer = Buffer.from(AsnConvert.serialize(tbs));
  const signature = options.sha1 === true ? sign('sha1', tbsDer, options.signer) : sign('sha256', tbsDer, { key: options.signer, dsaEncoding: 'der' });
  return Buffer.from(AsnConvert.serialize(new Certificate({ tbsCertificate: tbs, signatureAlgorithm: algorithm, signatureValue: new Uint8Array(signature).buffer })));
}

export function pem(...ders: Buffer[]): string {
  return ders.map((d) => `-----BEGIN CERTIFICATE-----\n${d.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`).join('');
}

/** A self-signed CA (the "Mark Verifying Authority" root of the tests), or one issued by `parent`. */
export function makeCa(commonName: string, parent?: Issuer, now = new Date(), rsa = false): Issuer {
  const { publicKey, privateKey } = rsa ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const name = nameOf([['2.5.4.3', commonName]]);
  const certificate = build({
    subject: name,
    issuer: parent?.name ?? name,
    publicKey,
    signer: parent?.key ?? privateKey,
    extensions: [ext(id_ce_basicConstraints, new BasicConstraints({ cA: true }), true)],
    sha1: (parent?.key ?? privateKey).asymmetricKeyType === 'rsa',
    notBefore: new Date(now.getTime() - 30 * DAY),
    notAfter: new Date(now.getTime() + 3650 * DAY),
  });
  return { name, key: privateKey, certificate };
}

export interface MarkOptions {
  domains: string[];
  /** The SVG to embed (gzip-compressed in a data: URI, as issuers do); null for no logotype extension. */
  svg: Buffer | null;
  markType?: string | null;
  eku?: string[];
  policy?: string | null;
  notBefore?: Date;
  notAfter?: Date;
  /** Store a hash that does not match the embedded logo. */
  badHash?: boolean;
}

/** A mark certificate issued by `issuer`. */
export function makeMarkCertificate(issuer: Issuer, options: MarkOptions, now = new Date()): Buffer {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const attrs: [string, string][] = [['2.5.4.3', options.domains[0] ?? 'mark'], ['2.5.4.10', 'Brand Owner']];
  const markType = options.markType === undefined ? 'Registered Mark' : options.markType;
  if (markType !== null) attrs.push([MARK_TYPE, markType]);
  const extensions = [
    ext(id_ce_extKeyUsage, new ExtendedKeyUsage(options.eku ?? [BIMI_EKU])),
    ext(id_ce_subjectAltName, new SubjectAlternativeName(options.domains.map((d) => new GeneralName({ dNSName: d })))),
  ];
  const policy = options.policy === undefined ? MARK_CERTIFICATE_POLICY : options.policy;
  if (policy !== null) extensions.push(ext(id_ce_certificatePolicies, new CertificatePolicies([new PolicyInformation({ policyIdentifier: policy })])));
  if (options.svg !== null) {
    const data = gzipSync(options.svg);
    const hash = createHash('sha256').update(options.badHash === true ? Buffer.from('other') : data).digest();
    const details = new LogotypeDetails({
      mediaType: 'image/svg+xml',
      logotypeHash: [new HashAlgAndValue({ hashAlg: new AlgorithmIdentifier({ algorithm: SHA256 }), hashValue: new OctetString(hash) })],
      logotypeURI: [`data:image/svg+xml;base64,${data.toString('base64')}`],
    });
    const logo = new LogotypeExtn({ subjectLogo: new LogotypeInfo({ direct: new LogotypeData({ image: [new LogotypeImage({ imageDetails: details })] }) }) });
    extensions.push(ext(id_pe_logotype, logo));
  }
  return build({
    subject: nameOf(attrs),
    issuer: issuer.name,
    publicKey,
    signer: issuer.key,
    extensions,
    notBefore: options.notBefore ?? new Date(now.getTime() - DAY),
    notAfter: options.notAfter ?? new Date(now.getTime() + 365 * DAY),
    sha1: issuer.key.asymmetricKeyType === 'rsa',
  });
}
