// OpenDKIM's milter (Debian's opendkim, installed by .ci/run) as a real signer for the interop suite,
// driven by miltertest (Debian's miltertest) with a Lua script that replays a message: connection
// from 127.0.0.1 (an internal host, so OpenDKIM signs), envelope, header fields, body, end of
// message; the DKIM-Signature OpenDKIM asks to insert is put on top. opendkim or miltertest
// missing fails the caller with the reason: never a skip.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { findExecutable } from '../helpers/knot.js';

export const OPENDKIM_MISSING = 'OpenDKIM (opendkim) or miltertest is not installed, and the interop suite needs both: install the Debian packages "opendkim" and "miltertest" (as .ci/run does)';

export interface OpenDkimMilter {
  socket: string;
  /** The message with OpenDKIM's DKIM-Signature on top (CRLF line ends). */
  sign(message: string, envelope: { mailFrom: string; rcptTo: string }): string;
  stop(): Promise<void>;
}

export interface OpenDkimOptions {
  dir: string;
  domain: string;
  selector: string;
  /** PEM private key. */
  key: string;
  canonicalization: 'relaxed/simple' | 'simple/simple' | 'relaxed/relaxed' | 'simple/relaxed';
  signHeaders: string[];
}

/** A Lua string literal holding exactly these bytes (long brackets would turn CRLF into LF). */
const lua = (s: string): string => `"${[...s].map((c) => (/[ -~]/.test(c) && c !== '"' && c !== '\\' ? c : `\\${c.charCodeAt(0).toString().padStart(3, '0')}`)).join('')}"`;

/** The header fields and body of a CRLF message, each field as [name, value without the space after the colon]. */
function split(message: string): { fields: [string, string][]; body: string } {
  const end = message.indexOf('\r\n\r\n');
  const fields: [string, string][] = [];
  for (const line of message.slice(0, end).split('\r\n')) {
    const last = fields[fields.length - 1];
    if ((line.startsWith(' ') || line.startsWith('\t')) && last !== undefined) last[1] += `\r\n${line}`;
    else fields.push([line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).replace(/^ /, '')]);
  }
  return { fields, body: message.slice(end + 4) };
}

async function waitForSocket(socket: string, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (fs.existsSync(socket)) return;
    if (child.exitCode !== null) throw new Error(`opendkim exited (${child.exitCode}): ${log()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`opendkim did not open ${socket}: ${log()}`);
}

export async function startOpenDkim(o: OpenDkimOptions): Promise<OpenDkimMilter> {
  const opendkim = findExecutable('opendkim');
  const miltertest = findExecutable('miltertest');
  if (opendkim === null || miltertest === null) throw new Error(OPENDKIM_MISSING);
  const keyFile = path.join(o.dir, `${o.selector}.private`);
  fs.writeFileSync(keyFile, o.key, { mode: 0o600 });
  const socket = path.join(o.dir, 'opendkim.sock');
  const conf = path.join(o.dir, 'opendkim.conf');
  fs.writeFileSync(
    conf,
    [
      'Mode s',
      `Domain ${o.domain}`,
      `Selector ${o.selector}`,
      `KeyFile ${keyFile}`,
      `Socket local:${socket}`,
      `Canonicalization ${o.canonicalization}`,
      'SignatureAlgorithm rsa-sha256',
      `SignHeaders ${o.signHeaders.join(',')}`,
      'Background no',
      'Syslog no',
      'RequireSafeKeys no',
      `PidFile ${path.join(o.dir, 'opendkim.pid')}`,
      '',
    ].join('\n'),
  );
  let stderr = '';
  const child = spawn(opendkim, ['-f', '-x', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  await waitForSocket(socket, child, () => stderr);
  let n = 0;
  return {
    socket,
    sign(message, envelope) {
      const { fields, body } = split(message);
      const script = [
        `local conn = mt.connect(${lua(`local:${socket}`)})`,
        'if conn == nil then error("cannot connect to opendkim") end',
        'if mt.conninfo(conn, "localhost", "127.0.0.1") ~= nil then error("conninfo") end',
        'mt.macro(conn, SMFIC_MAIL, "i", "AUTHAUDIT1")',
        `if mt.mailfrom(conn, ${lua(envelope.mailFrom)}) ~= nil then error("mailfrom") end`,
        `if mt.rcptto(conn, ${lua(envelope.rcptTo)}) ~= nil then error("rcptto") end`,
        ...fields.map(([name, value]) => `if mt.header(conn, ${lua(name)}, ${lua(value)}) ~= nil then error("header") end`),
        'if mt.eoh(conn) ~= nil then error("eoh") end',
        `if mt.bodystring(conn, ${lua(body)}) ~= nil then error("body") end`,
        'if mt.eom(conn) ~= nil then error("eom") end',
        'if not mt.eom_check(conn, MT_HDRINSERT, "DKIM-Signature") then error("opendkim added no DKIM-Signature") end',
        'io.write(mt.getheader(conn, "DKIM-Signature", 0))',
        'mt.disconnect(conn)',
      ].join('\n');
      const file = path.join(o.dir, `sign${++n}.lua`);
      fs.writeFileSync(file, script);
      const value = execFileSync(miltertest, ['-s', file], { encoding: 'latin1' });
      // milters fold with a bare LF; on the wire the MTA writes CRLF
      return `DKIM-Signature:${value.replace(/\r?\n/g, '\r\n')}\r\n${message}`;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
