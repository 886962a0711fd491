// The SMTP STARTTLS probe of one MX address: banner, EHLO, STARTTLS when offered, the TLS version,
// cipher and the peer's certificate chain (DER, leaf first, for DANE), judged for validity and for
// the MX host name (RFC 8461 §4.1, RFC 7672 §3). It never sends MAIL FROM: after the handshake it says
// QUIT. Every reply is bounded (RFC 5321 §4.5.3.1.5: 512-octet reply lines; at most 100 lines and 16 KB
// a reply), every step has a time-out and the whole probe an overall bound, so a silent or endless
// peer ends in a typed outcome, never a hang.
import net from 'node:net';
import tls from 'node:tls';
import { peerCertificateSummary, type CertificateSummary } from '../tls/peer-certificate.js';

export type SmtpFailureStep = 'connect' | 'banner' | 'ehlo' | 'starttls' | 'tls' | 'timeout';

export interface SmtpReply {
  code: number;
  lines: string[];
}

export interface SmtpProbeResult {
  host: string;
  address: string;
  port: number;
  /** The 220 greeting's first line, or null. */
  banner: string | null;
  /** EHLO's reply lines (the keywords), or null. */
  ehlo: string[] | null;
  /** STARTTLS offered in EHLO; null when EHLO was not reached. */
  starttls: boolean | null;
  /** Negotiated protocol (`TLSv1.3`) and cipher, when the handshake completed. */
  tlsVersion: string | null;
  cipher: string | null;
  certificate: CertificateSummary | null;
  /** Where it stopped and why; null when every step succeeded. */
  failure: { step: SmtpFailureStep; detail: string } | null;
  /** The exchange as sent (`C:`) and received (`S:`), for --verbose. */
  transcript: string[];
}

export interface SmtpTimeouts {
  /** TCP connect (default 10 s). */
  connectMs: number;
  /** Each reply, and the TLS handshake (default 15 s; RFC 5321 §4.5.3.2 allows servers minutes for the banner, a probe waits less). */
  replyMs: number;
  /** The whole probe (default 45 s). */
  totalMs: number;
}

export const DEFAULT_SMTP_TIMEOUTS: SmtpTimeouts = { connectMs: 10000, replyMs: 15000, totalMs: 45000 };

export interface SmtpProbeOptions {
  host: string;
  address: string;
  /** Default 25. */
  port?: number;
  /** The name the probe gives in EHLO (default `authaudit.invalid`). */
  ehloName?: string;
  /** PEM roots trusted beside the system's (--ca-file). */
  ca?: string | null;
  timeouts?: Partial<SmtpTimeouts>;
  /** --verbose: each line sent and received. */
  log?: (line: string) => void;
}

/** RFC 5321 §4.5.3.1.5: a reply line is at most 512 octets with its CRLF. */
const MAX_LINE = 512;
const MAX_REPLY_LINES = 100;
const MAX_REPLY_BYTES = 16 * 1024;

class ProbeStop extends Error {
  constructor(
    readonly step: SmtpFailureStep,
    detail: string,
  ) {
    super(detail);
  }
}

/** Reads SMTP replies from a socket, one at a time, with bounds. */
class ReplyReader {
  private buffer = '';
  private lines: string[] = [];
  private bytes = 0;
  private waiter: { resolve: (r: SmtpReply) => void; reject: (e: Error) => void; step: SmtpFailureStep } | null = null;
  private ready: SmtpReply[] = [];
  private ended: Error | null = null;

  constructor(private readonly onLine: (line: string) => void) {}

  attach(socket: net.Socket): void {
    socket.on('data', (chunk: Buffer) => this.push(chunk.toString('latin1')));
    socket.on('end', () => this.fail(new Error('the server closed the connection')));
    socket.on('close', () => this.fail(new Error('the connection closed')));
    socket.on('error', (e) => this.fail(e));
  }

  detach(socket: net.Socket): void {
    socket.removeAllListeners('data');
    socket.removeAllListeners('end');
    socket.removeAllListeners('close');
    socket.removeAllListeners('error');
  }

  private fail(error: Error): void {
    this.ended ??= error;
    if (this.waiter !== null) {
      const w = this.waiter;
      this.waiter = null;
      w.reject(new ProbeStop(w.step, error.message));
    }
  }

  private push(text: string): void {
    this.buffer += text;
    this.bytes += text.length;
    for (;;) {
      const end = this.buffer.indexOf('\n');
      if (end === -1) break;
      const line = this.buffer.slice(0, end).replace(/\r$/, '');
      this.buffer = this.buffer.slice(end + 1);
      this.onLine(line);
      if (line.length + 2 > MAX_LINE) return this.fail(new Error(`a reply line of ${line.length + 2} octets, over the 512 of RFC 5321 §4.5.3.1.5`));
      const m = /^(\d{3})([ -])?(.*)$/.exec(line);
      if (m === null) return this.fail(new Error(`not an SMTP reply: ${line.slice(0, 80)}`));
      this.lines.push(m[3] ?? '');
      if (this.lines.length > MAX_REPLY_LINES || this.bytes > MAX_REPLY_BYTES) return this.fail(new Error(`a reply of more than ${MAX_REPLY_LINES} lines or ${MAX_REPLY_BYTES} bytes (an endless reply?)`));
      if (m[2] !== '-') {
        const reply = { code: Number(m[1]), lines: this.lines };
        this.lines = [];
        this.bytes = this.buffer.length;
        this.deliver(reply);
      }
    }
    if (this.buffer.length + 2 > MAX_LINE) this.fail(new Error(`a reply line longer than the 512 octets of RFC 5321 §4.5.3.1.5`));
  }

  private deliver(reply: SmtpReply): void {
    if (this.waiter !== null) {
      const w = this.waiter;
      this.waiter = null;
      w.resolve(reply);
    } else this.ready.push(reply);
  }

  next(step: SmtpFailureStep, timeoutMs: number): Promise<SmtpReply> {
    const ready = this.ready.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    if (this.ended !== null) return Promise.reject(new ProbeStop(step, this.ended.message));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        reject(new ProbeStop(step, `no reply within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiter = {
        step,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
    });
  }
}

function connect(address: string, port: number, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: address, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new ProbeStop('connect', `no connection within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new ProbeStop('connect', `connection to ${address} port ${port} failed (${e.code ?? e.message})`));
    });
  });
}

function handshake(socket: net.Socket, host: string, ca: string | null | undefined, timeoutMs: number): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    // validity is judged, not enforced: the probe reports what a validating sender would see; the
    // chain and the name are judged apart (peerCertificateSummary), so the identity check is not run here
    const secure = tls.connect({ socket, servername: host, rejectUnauthorized: false, checkServerIdentity: () => undefined, ca: ca ? [...tls.rootCertificates, ca] : undefined });
    const timer = setTimeout(() => {
      secure.destroy();
      reject(new ProbeStop('tls', `no TLS handshake within ${timeoutMs} ms`));
    }, timeoutMs);
    secure.once('secureConnect', () => {
      clearTimeout(timer);
      secure.removeAllListeners('error');
      secure.on('error', () => undefined);
      resolve(secure);
    });
    secure.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new ProbeStop('tls', `the TLS handshake failed (${e.code ?? e.message})`));
    });
  });
}

/** Probe one MX address; resolves with what it saw, never rejects. */
export async function probeStarttls(options: SmtpProbeOptions): Promise<SmtpProbeResult> {
  const timeouts = { ...DEFAULT_SMTP_TIMEOUTS, ...options.timeouts };
  const port = options.port ?? 25;
  const result: SmtpProbeResult = { host: options.host, address: options.address, port, banner: null, ehlo: null, starttls: null, tlsVersion: null, cipher: null, certificate: null, failure: null, transcript: [] };
  const log = (line: string): void => {
    result.transcript.push(line);
    options.log?.(`smtp: ${options.host} [${options.address}]:${port} ${line}`);
  };
  const sockets: net.Socket[] = [];
  let overall: NodeJS.Timeout | null = null;
  const bound = new Promise<never>((_, reject) => {
    overall = setTimeout(() => reject(new ProbeStop('timeout', `the probe did not finish within ${timeouts.totalMs} ms`)), timeouts.totalMs);
  });
  const run = async (): Promise<void> => {
    const socket = await connect(options.address, port, timeouts.connectMs);
    sockets.push(socket);
    const plain = new ReplyReader((line) => log(`S: ${line}`));
    plain.attach(socket);
    const send = (s: net.Socket, line: string): void => {
      log(`C: ${line}`);
      s.write(`${line}\r\n`);
    };
    const banner = await plain.next('banner', timeouts.replyMs);
    result.banner = banner.lines[0] ?? '';
    if (banner.code !== 220) throw new ProbeStop('banner', `the server greeted with ${banner.code}, not 220`);
    send(socket, `EHLO ${options.ehloName ?? 'authaudit.invalid'}`);
    const ehlo = await plain.next('ehlo', timeouts.replyMs);
    if (ehlo.code !== 250) throw new ProbeStop('ehlo', `EHLO answered ${ehlo.code}`);
    result.ehlo = ehlo.lines.slice(1);
    result.starttls = ehlo.lines.slice(1).some((l) => /^STARTTLS\b/i.test(l.trim()));
    if (!result.starttls) {
      send(socket, 'QUIT');
      return;
    }
    send(socket, 'STARTTLS');
    const ready = await plain.next('starttls', timeouts.replyMs);
    if (ready.code !== 220) throw new ProbeStop('starttls', `STARTTLS answered ${ready.code} ${ready.lines[0] ?? ''}`.trim());
    plain.detach(socket);
    socket.on('error', () => undefined);
    const secure = await handshake(socket, options.host, options.ca, timeouts.replyMs);
    sockets.push(secure);
    result.tlsVersion = secure.getProtocol();
    result.cipher = secure.getCipher()?.name ?? null;
    result.certificate = peerCertificateSummary(secure, options.host);
    log(`TLS: ${result.tlsVersion ?? '?'} ${result.cipher ?? '?'}; certificate ${result.certificate?.valid ? 'valid' : `not valid (${result.certificate?.validationError ?? 'none sent'})`}, ${result.certificate?.nameMatch ? 'names' : 'does not name'} ${options.host}`);
    send(secure, 'QUIT');
  };
  try {
    await Promise.race([run(), bound]);
  } catch (e) {
    result.failure = e instanceof ProbeStop ? { step: e.step, detail: e.message } : { step: 'connect', detail: (e as Error).message };
    log(`stopped at ${result.failure.step}: ${result.failure.detail}`);
  } finally {
    if (overall !== null) clearTimeout(overall);
    for (const s of sockets.reverse()) s.destroy();
  }
  return result;
}
