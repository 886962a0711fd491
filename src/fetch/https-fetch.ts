// One HTTPS GET with the rules MTA-STS sets for its policy (RFC 8461 §3.3) and BIMI reuses for its
// evidence documents: the host name is resolved through the run's Resolver (never the system's) and
// the connection made to that address, with the name for SNI and the certificate check; the
// certificate must chain to a trusted root (the system's, plus --ca-file) and name the host, redirects
// are never followed, the body is bounded, and every step (connect, TLS, response, body) has its own
// time-out under an overall bound. The outcome is data, never an exception: the body, or the step that
// failed and why.
import https from 'node:https';
import type { IncomingMessage } from 'node:http';
import tls from 'node:tls';
import type { Resolver } from '../dns/types.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { peerCertificateSummary, type CertificateSummary } from '../tls/peer-certificate.js';
import { resolveHostAddresses } from './resolve-host.js';

/** The step a fetch stopped at. */
export type FetchFailureStep =
  /** the host name has no address (NXDOMAIN, no data) or its lookup failed */
  | 'dns'
  /** no TCP connection (refused, unreachable, time-out) */
  | 'connect'
  /** the TLS handshake failed, or the certificate is not valid for the host */
  | 'tls'
  /** no complete response in time, or the connection broke */
  | 'response'
  /** a 3xx answer (RFC 8461 §3.3: never followed) */
  | 'redirect'
  /** a status other than 200 */
  | 'status'
  /** a media type the caller does not accept */
  | 'content-type'
  /** a body over the size bound */
  | 'too-large'
  /** the overall bound passed */
  | 'timeout';

export interface FetchOk {
  kind: 'ok';
  url: string;
  /** The address connected to. */
  address: string;
  status: number;
  /** The Content-Type header as sent, or null. */
  contentType: string | null;
  body: Buffer;
  certificate: CertificateSummary | null;
}

export interface FetchFailed {
  kind: 'failed';
  url: string;
  address: string | null;
  step: FetchFailureStep;
  /** One sentence: what happened. */
  detail: string;
  /** HTTP status, when a response came. */
  status: number | null;
  /** The Location of a redirect. */
  location: string | null;
  /** The TLS error code (CERT_HAS_EXPIRED, ERR_TLS_CERT_ALTNAME_INVALID, …), for a tls failure. */
  tlsCode: string | null;
}

export type FetchResult = FetchOk | FetchFailed;

export interface FetchTimeouts {
  /** TCP connect and TLS handshake (default 10 s). */
  connectMs: number;
  /** From request sent to response headers, and between body chunks (default 10 s). */
  responseMs: number;
  /** The whole fetch, DNS included (default 30 s). */
  totalMs: number;
}

export const DEFAULT_FETCH_TIMEOUTS: FetchTimeouts = { connectMs: 10000, responseMs: 10000, totalMs: 30000 };

/** RFC 8461 §3.3 leaves the bound to the sender; 64 KB is ample for any policy. */
export const DEFAULT_MAX_BYTES = 64 * 1024;

export interface FetchOptions {
  resolver: Resolver;
  /** PEM roots trusted beside the system's (--ca-file). */
  ca?: string | null;
  /** Default 443; a lab or test may serve elsewhere. */
  port?: number;
  maxBytes?: number;
  timeouts?: Partial<FetchTimeouts>;
  /** Media types accepted (compared without parameters, ignoring case); any when absent. */
  acceptTypes?: readonly string[];
  /** --verbose: one line per request and its outcome. */
  log?: (line: string) => void;
}

function failed(url: string, address: string | null, step: FetchFailureStep, detail: string, extra: Partial<FetchFailed> = {}): FetchFailed {
  return { kind: 'failed', url, address, step, detail, status: null, location: null, tlsCode: null, ...extra };
}

/** The media type of a Content-Type value, lowercased, without parameters. */
export function mediaType(contentType: string | null): string | null {
  if (contentType === null) return null;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === '' ? null : type;
}

const TLS_CODES = /^(CERT_|ERR_TLS_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_SSL_|HOSTNAME_MISMATCH)/;

/** GET `url` (https only) under the rules above. */
export async function fetchHttps(url: string, options: FetchOptions): Promise<FetchResult> {
  const timeouts = { ...DEFAULT_FETCH_TIMEOUTS, ...options.timeouts };
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const log = options.log ?? ((): void => undefined);
  const started = performance.now();
  const target = new URL(url);
  if (target.protocol !== 'https:') return failed(url, null, 'connect', `${url} is not an https URL`);
  const host = target.hostname;

  const resolved = await resolveHostAddresses(host, options.resolver);
  if (resolved.addresses.length === 0) {
    const result = failed(url, null, 'dns', `${host} has no address: ${resolved.why}`);
    log(`https: GET ${url} -> ${result.detail}`);
    return result;
  }
  const address = resolved.addresses[0] as string;
  const remaining = timeouts.totalMs - (performance.now() - started);
  const result = await get(url, target, address, options, { ...timeouts, totalMs: Math.max(remaining, 1) }, maxBytes);
  const ms = Math.round(performance.now() - started);
  log(
    result.kind === 'ok'
      ? `https: GET ${url} (${address}) -> ${result.status} ${result.contentType ?? 'no Content-Type'}, ${result.body.length} bytes [${ms} ms]`
      : `https: GET ${url} (${address}) -> ${result.step}: ${result.detail} [${ms} ms]`,
  );
  return result;
}

function get(url: string, target: URL, address: string, options: FetchOptions, timeouts: FetchTimeouts, maxBytes: number): Promise<FetchResult> {
  return new Promise((resolve) => {
    let settled = false;
    let stepTimer: NodeJS.Timeout | null = null;
    const finish = (result: FetchResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(total);
      if (stepTimer !== null) clearTimeout(stepTimer);
      request.destroy();
      resolve(result);
    };
    const total = setTimeout(() => finish(failed(url, address, 'timeout', `no complete answer within ${timeouts.totalMs} ms`)), timeouts.totalMs);
    const step = (ms: number, what: FetchFailureStep, detail: string): void => {
      if (stepTimer !== null) clearTimeout(stepTimer);
      stepTimer = setTimeout(() => finish(failed(url, address, what, detail)), ms);
    };

    // the connection goes to the address the run's Resolver gave (node never asks the system's
    // resolver); SNI, the certificate's name and the Host header are the URL's host
    const request = https.request({
      host: address,
      servername: target.hostname,
      port: options.port ?? (target.port === '' ? 443 : Number(target.port)),
      path: `${target.pathname}${target.search}`,
      method: 'GET',
      agent: false,
      ca: options.ca ? [...tls.rootCertificates, options.ca] : undefined,
      headers: { Host: target.host, 'User-Agent': `${TOOL_NAME}/${TOOL_VERSION}`, Accept: '*/*', Connection: 'close' },
    });
    step(timeouts.connectMs, 'connect', `no connection within ${timeouts.connectMs} ms`);
    request.on('socket', (socket) => {
      socket.once('connect', () => step(timeouts.connectMs, 'tls', `no TLS handshake within ${timeouts.connectMs} ms`));
      socket.once('secureConnect', () => step(timeouts.responseMs, 'response', `no response within ${timeouts.responseMs} ms`));
    });
    request.on('error', (err: NodeJS.ErrnoException) => {
      const code = err.code ?? '';
      if (TLS_CODES.test(code)) finish(failed(url, address, 'tls', `${tlsErrorText(code, target.hostname)} (${code})`, { tlsCode: code }));
      else if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EADDRNOTAVAIL') finish(failed(url, address, 'connect', `connection to ${address} port ${options.port ?? 443} failed (${code})`));
      else finish(failed(url, address, 'response', `the connection failed: ${err.message}`));
    });
    request.on('response', (response: IncomingMessage) => {
      const status = response.statusCode ?? 0;
      const contentType = typeof response.headers['content-type'] === 'string' ? response.headers['content-type'] : null;
      const certificate = peerCertificateSummary(response.socket as tls.TLSSocket);
      if (status >= 300 && status < 400) {
        const location = typeof response.headers.location === 'string' ? response.headers.location : null;
        // RFC 8461 §3.3: "HTTP 3xx redirects MUST NOT be followed"
        finish(failed(url, address, 'redirect', `the server answered ${status} redirecting to ${location ?? '(no Location)'}; redirects are not followed`, { status, location }));
        return;
      }
      if (status !== 200) {
        finish(failed(url, address, 'status', `the server answered HTTP ${status}`, { status }));
        return;
      }
      const type = mediaType(contentType);
      if (options.acceptTypes !== undefined && (type === null || !options.acceptTypes.includes(type))) {
        finish(failed(url, address, 'content-type', `the server answered with Content-Type ${contentType ?? '(none)'}, not ${options.acceptTypes.join(' or ')}`, { status }));
        return;
      }
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        finish(failed(url, address, 'too-large', `the response declares ${declared} bytes, over the ${maxBytes}-byte bound`, { status }));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      step(timeouts.responseMs, 'response', `the body stalled for ${timeouts.responseMs} ms`);
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          finish(failed(url, address, 'too-large', `the body passed the ${maxBytes}-byte bound`, { status }));
          return;
        }
        chunks.push(chunk);
        step(timeouts.responseMs, 'response', `the body stalled for ${timeouts.responseMs} ms`);
      });
      response.on('end', () => finish({ kind: 'ok', url, address, status, contentType, body: Buffer.concat(chunks), certificate }));
      response.on('error', (err) => finish(failed(url, address, 'response', `the body broke off: ${err.message}`, { status })));
    });
    request.end();
  });
}

/** A TLS error code in words. */
export function tlsErrorText(code: string, host: string): string {
  switch (code) {
    case 'CERT_HAS_EXPIRED':
      return 'the certificate has expired';
    case 'CERT_NOT_YET_VALID':
      return 'the certificate is not valid yet';
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
    case 'HOSTNAME_MISMATCH':
      return `the certificate does not name ${host}`;
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return 'the certificate is self-signed, not issued by a trusted CA';
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_GET_ISSUER_CERT':
      return 'the certificate does not chain to a trusted root (is the intermediate missing?)';
    default:
      return 'the TLS handshake failed';
  }
}
