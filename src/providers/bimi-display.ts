// Which mailbox providers show a BIMI logo, and what each requires beyond a valid record, a valid
// SVG Tiny PS indicator and DMARC at enforcement (which every one of them requires): part of the
// registry of provider knowledge, with the public pages each fact was read from.
import type { ProviderId, Source } from './types.js';

/** What a provider asks of the evidence document before it shows the logo. */
export type BimiEvidenceRule =
  /** A Verified Mark Certificate or a Common Mark Certificate. */
  | 'vmc-or-cmc'
  /** A Verified Mark Certificate only. */
  | 'vmc'
  /** No certificate: the provider decides from the sender's reputation. */
  | 'none'
  /** The provider does not say. */
  | 'unpublished';

export interface BimiDisplay {
  provider: ProviderId;
  /** False: the provider shows no BIMI logos at all. */
  displays: boolean;
  evidence: BimiEvidenceRule;
  /** One sentence for people. */
  note: string;
  source: Source;
}

const SPAMRESOURCE: Source = { title: 'Spam Resource, "BIMI mailbox provider support in November 2024"', url: 'https://www.spamresource.com/2024/11/bimi-mailbox-provider-support-in.html', read: '2026-12' };
const GMAIL_BIMI: Source = { title: 'Google Workspace Admin Help, "Set up BIMI"', url: 'https://support.google.com/a/answer/10911320', read: null };
const CAPTAINDNS: Source = { title: 'CaptainDNS, "BIMI, VMC, CMC: compatibility and DNS prerequisites (Gmail, Yahoo, Apple Mail)"', url: 'https://www.captaindns.com/en/blog/bimi-vmc-cmc-compatibilite-dns', read: '2026-12' };
const YAHOO_BIMI: Source = { title: 'Yahoo Sender Hub, "BIMI"', url: 'https://senders.yahooinc.com/bimi/', read: null };

export const BIMI_DISPLAY: readonly BimiDisplay[] = [
  { provider: 'gmail', displays: true, evidence: 'vmc-or-cmc', note: 'Gmail shows the logo only with a VMC or a CMC (accepted since 2024); the blue checkmark is for a VMC', source: GMAIL_BIMI },
  { provider: 'outlook', displays: false, evidence: 'unpublished', note: 'Outlook.com and Microsoft 365 show no BIMI logos (Microsoft has its own brand programme)', source: SPAMRESOURCE },
  { provider: 'yahoo', displays: true, evidence: 'none', note: 'Yahoo Mail (and AOL) can show the logo without a certificate, for senders with enough reputation', source: YAHOO_BIMI },
  { provider: 'icloud', displays: true, evidence: 'vmc', note: 'Apple Mail shows the logo only with a Verified Mark Certificate', source: CAPTAINDNS },
  { provider: 'gmx', displays: true, evidence: 'unpublished', note: 'GMX and WEB.DE show BIMI logos; what evidence they ask for is not published', source: SPAMRESOURCE },
  { provider: 'laposte', displays: true, evidence: 'unpublished', note: 'La Poste shows BIMI logos; what evidence it asks for is not published', source: SPAMRESOURCE },
];
