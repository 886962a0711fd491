// dkimpy (Debian's python3-dkim, installed by .ci/run) as a real signer and verifier for the interop
// suite: DKIM signing (rsa-sha256, ed25519-sha256), ARC sealing (`dkim.arc_sign`, which needs
// python3-authres), and verification of both with keys asked of a DNS server (Knot in the tests)
// through dnspython. A missing module fails the caller with Python's own error: never a skip.
import { execFileSync } from 'node:child_process';

export const PYTHON = '/usr/bin/python3';

const SCRIPT = String.raw`
import sys, json, dkim
req = json.load(sys.stdin)
msg = req["message"].encode("latin1")
mode = req["mode"]

def dnsfunc_for(req):
    import dns.resolver
    r = dns.resolver.Resolver(configure=False)
    r.nameservers = [req["server"]]
    r.port = req["port"]
    def dnsfunc(name, timeout=5):
        try:
            answer = r.resolve(name.decode("ascii").rstrip("."), "TXT", lifetime=timeout)
        except Exception:
            return None
        for rr in answer:
            return b"".join(rr.strings)
        return None
    return dnsfunc

if mode == "sign":
    for s in req["signers"]:
        sig = dkim.sign(msg, s["selector"].encode(), s["domain"].encode(), s["key"].encode(),
                        canonicalize=tuple(x.encode() for x in s["canon"].split("/")),
                        signature_algorithm=s["algorithm"].encode(),
                        include_headers=[h.encode() for h in s["headers"]])
        msg = sig + msg
    sys.stdout.write(msg.decode("latin1"))
elif mode == "arc-sign":
    s = req["sealer"]
    lines = dkim.arc_sign(msg, s["selector"].encode(), s["domain"].encode(), s["key"].encode(), s["authservId"].encode(),
                          include_headers=[h.encode() for h in s["headers"]])
    if not lines:
        raise SystemExit("dkim.arc_sign added no ARC set (no Authentication-Results of " + s["authservId"] + "?)")
    sys.stdout.write((b"".join(lines) + msg).decode("latin1"))
elif mode == "verify":
    dnsfunc = dnsfunc_for(req)
    d = dkim.DKIM(msg)
    count = sum(1 for line in msg.split(b"\r\n") if line.lower().startswith(b"dkim-signature:"))
    out = []
    for i in range(count):
        try:
            out.append(bool(d.verify(idx=i, dnsfunc=dnsfunc)))
        except Exception:
            out.append(False)
    sys.stdout.write(json.dumps(out))
else:
    cv, results, reason = dkim.arc_verify(msg, dnsfunc=dnsfunc_for(req))
    sets = {str(r["instance"]): [bool(r["ams-valid"]), bool(r["as-valid"])] for r in results}
    sys.stdout.write(json.dumps({"cv": None if cv is None else cv.decode(), "sets": sets, "reason": reason}))
`;

function run(request: Record<string, unknown>): string {
  return execFileSync(PYTHON, ['-c', SCRIPT], { input: JSON.stringify(request), encoding: 'latin1' });
}

export interface DkimpySigner {
  selector: string;
  domain: string;
  /** PEM (RSA) or the base64 seed (Ed25519). */
  key: string;
  canon: string;
  algorithm: string;
  headers: string[];
}

export interface DnsServer {
  server: string;
  port: number;
}

/** The message with one DKIM-Signature per signer, the last signer's on top. */
export const dkimpySign = (message: string, signers: DkimpySigner[]): string => run({ mode: 'sign', message, signers });

/** The message with the next ARC set on top; it needs an Authentication-Results field of `authservId`. */
export const dkimpyArcSeal = (message: string, sealer: { selector: string; domain: string; key: string; authservId: string; headers: string[] }): string =>
  run({ mode: 'arc-sign', message, sealer });

/** Each DKIM-Signature's result, topmost first. */
export const dkimpyVerify = (message: string, dns: DnsServer): boolean[] => JSON.parse(run({ mode: 'verify', message, ...dns })) as boolean[];

/** The ARC chain's cv (pass, fail, none; null when dkimpy stops at a seal saying cv=fail) and per instance [AMS valid, AS valid]. */
export const dkimpyArcVerify = (message: string, dns: DnsServer): { cv: string | null; sets: Record<string, [boolean, boolean]>; reason: string } =>
  JSON.parse(run({ mode: 'arc-verify', message, ...dns })) as { cv: string | null; sets: Record<string, [boolean, boolean]>; reason: string };
