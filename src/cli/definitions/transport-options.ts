// The options of the commands that reach past DNS (mta-sts, tls-rpt, audit, diff; later bimi and
// scan): HTTPS fetches and the SMTP STARTTLS probe. Words and commander only, like every definition.
import { Option, type Command } from 'commander';

/** --fetch and --ca-file: HTTPS fetches (MTA-STS policies) and the roots they trust. */
export function addFetchOptions(command: Command): Command {
  return command
    .addOption(new Option('--fetch', 'fetch over HTTPS (MTA-STS policies) also where fetches are off: offline (--zone) and in diff'))
    .addOption(new Option('--ca-file <pem>', 'PEM certificates trusted beside the system roots, for HTTPS fetches and the STARTTLS probe'));
}

/** --smtp and --smtp-port: the opt-in STARTTLS probe of the MX hosts. */
export function addSmtpOptions(command: Command): Command {
  return command
    .addOption(new Option('--smtp', 'probe each MX address for STARTTLS (banner, EHLO, TLS version, certificate); off by default, port 25 is blocked on many networks'))
    .addOption(new Option('--smtp-port <port>', 'the port the STARTTLS probe connects to (a lab or a relay on another port)').default('25'));
}
