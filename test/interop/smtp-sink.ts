// A loopback SMTP server for the interop suite that plays the receiving providers: it answers each
// RCPT TO with the reply the test chooses (multi-line replies as "550-…" continuation lines), and
// keeps every message it accepts. And a minimal SMTP client to hand a message to a server. No
// PIPELINING, no STARTTLS: commands are answered one by one.
import net from 'node:net';

export interface SinkMessage {
  mailFrom: string;
  rcptTo: string[];
  data: string;
}

export interface SmtpSink {
  address: string;
  port: number;
  received: SinkMessage[];
  /** Resolves with the first message (now or later) accepted for `rcpt`; rejects after `timeoutMs` with `why()`. */
  waitFor(rcpt: string, timeoutMs: number, why: () => string): Promise<SinkMessage>;
  close(): Promise<void>;
}

/** `reply(rcpt)`: the reply to RCPT TO (lines separated by "\n", as a bounce shows them), or null for 250. */
export function startSmtpSink(address: string, reply: (rcpt: string) => string | null): Promise<SmtpSink> {
  const received: SinkMessage[] = [];
  const waiting: { rcpt: string; done: (m: SinkMessage) => void }[] = [];
  const sockets = new Set<net.Socket>();
  const deliver = (m: SinkMessage): void => {
    received.push(m);
    for (const w of [...waiting]) {
      if (m.rcptTo.includes(w.rcpt)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.done(m);
      }
    }
  };
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let buffer = '';
    let inData = false;
    let data = '';
    let mailFrom = '';
    let rcptTo: string[] = [];
    const send = (text: string): void => void socket.write(`${text}\r\n`);
    send('220 sink.receiver.example ESMTP test sink');
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      for (let nl = buffer.indexOf('\r\n'); nl !== -1; nl = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            deliver({ mailFrom, rcptTo, data });
            send('250 2.0.0 kept');
          } else data += `${line.startsWith('..') ? line.slice(1) : line}\r\n`;
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') send('250 sink.receiver.example');
        else if (verb === 'MAIL') {
          mailFrom = /<([^>]*)>/.exec(line)?.[1] ?? '';
          rcptTo = [];
          send('250 2.1.0 ok');
        } else if (verb === 'RCPT') {
          const rcpt = (/<([^>]*)>/.exec(line)?.[1] ?? '').toLowerCase();
          const r = reply(rcpt);
          if (r === null) {
            rcptTo.push(rcpt);
            send('250 2.1.5 ok');
          } else send(r.split('\n').join('\r\n'));
        } else if (verb === 'DATA') {
          if (rcptTo.length === 0) send('554 5.5.1 no valid recipients');
          else {
            inData = true;
            data = '';
            send('354 go ahead');
          }
        } else if (verb === 'RSET') {
          rcptTo = [];
          send('250 2.0.0 ok');
        } else if (verb === 'QUIT') {
          send('221 2.0.0 bye');
          socket.end();
        } else send('250 2.0.0 ok');
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, address, () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({
        address,
        port,
        received,
        waitFor(rcpt, timeoutMs, why) {
          const found = received.find((m) => m.rcptTo.includes(rcpt));
          if (found !== undefined) return Promise.resolve(found);
          return new Promise((done, fail) => {
            const timer = setTimeout(() => fail(new Error(`no message for ${rcpt} reached the sink within ${timeoutMs} ms:\n${why()}`)), timeoutMs);
            waiting.push({ rcpt, done: (m) => (clearTimeout(timer), done(m)) });
          });
        },
        close: () =>
          new Promise((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

/** Hand one message to an SMTP server (EHLO, MAIL, RCPT, DATA); rejects with the reply that refused it. */
export function sendMail(address: string, port: number, envelope: { from: string; to: string }, message: string): Promise<void> {
  const steps = [`EHLO client.shop.example`, `MAIL FROM:<${envelope.from}>`, `RCPT TO:<${envelope.to}>`, 'DATA', `${message.replace(/\r\n\./g, '\r\n..').replace(/\r\n$/, '')}\r\n.`, 'QUIT'];
  const want = ['220', '250', '250', '250', '354', '250', '221'];
  return new Promise((done, fail) => {
    const socket = net.connect({ host: address, port });
    let buffer = '';
    let step = 0;
    socket.on('error', fail);
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      for (let m = /^(\d{3}) .*\r\n/m.exec(buffer); m !== null; m = /^(\d{3}) .*\r\n/m.exec(buffer)) {
        buffer = buffer.slice((m.index ?? 0) + m[0].length);
        if (m[1] !== want[step]) {
          socket.destroy();
          fail(new Error(`${address}:${port} answered ${m[0].trim()} to ${step === 0 ? 'the connection' : (steps[step - 1] ?? '').slice(0, 40)}`));
          return;
        }
        if (step === steps.length) {
          socket.end();
          done();
          return;
        }
        socket.write(`${steps[step] as string}\r\n`);
        step++;
      }
    });
  });
}
