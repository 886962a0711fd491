// The public pages the registry's facts come from, each with the month it was read (null: not recorded).
import type { Source } from './types.js';

export const SOURCES = {
  gmailErrors: { title: 'Gmail "SMTP errors and codes"', url: 'https://support.google.com/a/answer/3726730', read: '2026-06' },
  gmailGuidelines: { title: 'Gmail "Email sender guidelines"', url: 'https://support.google.com/a/answer/81126', read: null },
  gmailFaq: { title: 'Gmail "Email sender guidelines FAQ"', url: 'https://support.google.com/a/answer/14229414', read: '2026-03' },
  microsoftNdr: {
    title: 'Microsoft Learn, "Email non-delivery reports and SMTP errors in Exchange Online"',
    url: 'https://learn.microsoft.com/en-us/troubleshoot/exchange/email-delivery/ndr/non-delivery-reports-in-exchange-online',
    read: null,
  },
  microsoft515: {
    title: 'Microsoft Support, "Fix NDR error 550 5.7.515 in Outlook.com"',
    url: 'https://support.microsoft.com/en-us/topic/fix-ndr-error-550-5-7-515-in-outlook-com-34cfe8f8-6fbf-457e-9e8b-9e4dbaf4e0ef',
    read: null,
  },
  microsoftIpv6: {
    title: 'Microsoft Learn, "Support for anonymous inbound email messages over IPv6"',
    url: 'https://learn.microsoft.com/en-us/microsoft-365/security/office-365-security/mail-flow-inbound-ipv6-support-about',
    read: null,
  },
  outlookPostmaster: { title: 'Outlook.com "Postmaster" (Sender Support)', url: 'https://sendersupport.olc.protection.outlook.com/pm/', read: null },
  yahooErrors: { title: 'Yahoo Sender Hub, "SMTP Error Codes"', url: 'https://senders.yahooinc.com/smtp-error-codes/', read: null },
  yahooBestPractices: { title: 'Yahoo Sender Hub, "Sender Requirements & Recommendations"', url: 'https://senders.yahooinc.com/best-practices/', read: null },
  applePostmaster: { title: 'Apple Support, "Postmaster information for iCloud Mail"', url: 'https://support.apple.com/en-us/HT204137', read: null },
  gmxErrors: { title: 'GMX Postmaster, "Error messages"', url: 'https://postmaster.gmx.com/en/error-messages', read: null },
  gmxPostmaster: { title: 'GMX and WEB.DE Postmaster', url: 'https://postmaster.web.de/en', read: null },
  laposte: { title: 'La Poste, postmaster.laposte.net', url: 'https://postmaster.laposte.net/', read: null },
  rfc7505: { title: 'RFC 7505, "A Null MX" (§4.2)', url: 'https://www.rfc-editor.org/rfc/rfc7505', read: null },
} as const satisfies Record<string, Source>;
