// Selectors probed when the user names none. DNS cannot list the names under `_domainkey`, so
// discovery can only try names that real providers hand out; anything not on this list (dated
// selectors such as Google's `20230601`, SparkPost's `scph<MMYY>`, Amazon SES's random tokens,
// HubSpot's `hs1-<account>`) is found only with `--selector`. One entry per selector, and the
// provider(s) known to use it.

export interface CommonSelector {
  selector: string;
  usedBy: string;
}

export const COMMON_SELECTORS: readonly CommonSelector[] = [
  { selector: 'google', usedBy: 'Google Workspace (the default selector of its DKIM setup)' },
  { selector: 'selector1', usedBy: 'Microsoft 365 / Exchange Online (CNAME to <tenant>.onmicrosoft.com)' },
  { selector: 'selector2', usedBy: 'Microsoft 365 / Exchange Online (the rotation partner of selector1)' },
  { selector: 'k1', usedBy: 'Mailchimp (older accounts) and Mailgun' },
  { selector: 'k2', usedBy: 'Mailchimp (CNAME to dkim2.mcsv.net)' },
  { selector: 'k3', usedBy: 'Mailchimp (CNAME to dkim3.mcsv.net)' },
  { selector: 'mandrill', usedBy: 'Mandrill / Mailchimp Transactional' },
  { selector: 's1', usedBy: 'SendGrid (CNAME to s1.domainkey.<id>.wl.sendgrid.net)' },
  { selector: 's2', usedBy: 'SendGrid (the rotation partner of s1)' },
  { selector: 'smtpapi', usedBy: 'SendGrid (legacy, before automated security)' },
  { selector: 'default', usedBy: 'cPanel, Plesk and many hosting control panels' },
  { selector: 'dkim', usedBy: 'rspamd (its default selector) and Hetzner' },
  { selector: 'mail', usedBy: 'Brevo (Sendinblue) and many OpenDKIM set-ups' },
  { selector: 'smtp', usedBy: 'Mailgun (older domains)' },
  { selector: 'mx', usedBy: 'Mailgun' },
  { selector: 'krs', usedBy: 'Mailgun' },
  { selector: 'mailo', usedBy: 'Mailgun (older domains)' },
  { selector: 'pic', usedBy: 'Mailgun' },
  { selector: 'brevo1', usedBy: 'Brevo' },
  { selector: 'brevo2', usedBy: 'Brevo (the rotation partner of brevo1)' },
  { selector: 'mailjet', usedBy: 'Mailjet' },
  { selector: 'pm', usedBy: 'Postmark (older domains; newer ones use a dated selector ending in pm)' },
  { selector: 'cm', usedBy: 'Campaign Monitor' },
  { selector: 'kl', usedBy: 'Klaviyo (dedicated sending domains)' },
  { selector: 'kl2', usedBy: 'Klaviyo (the rotation partner of kl)' },
  { selector: 'zendesk1', usedBy: 'Zendesk' },
  { selector: 'zendesk2', usedBy: 'Zendesk (the rotation partner of zendesk1)' },
  { selector: 'intercom', usedBy: 'Intercom' },
  { selector: 'everlytickey1', usedBy: 'Everlytic' },
  { selector: 'everlytickey2', usedBy: 'Everlytic (the rotation partner of everlytickey1)' },
  { selector: 'mxvault', usedBy: 'MxVault (mail filtering and relay)' },
  { selector: 'sig1', usedBy: 'Apple iCloud Mail custom domains (CNAME to icloudmailadmin.com)' },
  { selector: 'protonmail', usedBy: 'Proton Mail custom domains' },
  { selector: 'protonmail2', usedBy: 'Proton Mail custom domains' },
  { selector: 'protonmail3', usedBy: 'Proton Mail custom domains' },
  { selector: 'fm1', usedBy: 'Fastmail custom domains (CNAME to dkim.fmhosted.com)' },
  { selector: 'fm2', usedBy: 'Fastmail custom domains' },
  { selector: 'fm3', usedBy: 'Fastmail custom domains' },
  { selector: 'mesmtp', usedBy: 'Fastmail (older custom domains)' },
  { selector: 'zoho', usedBy: 'Zoho Mail (the selector name its setup suggests)' },
  { selector: 's1024', usedBy: 'Yahoo and AOL (their own mail; also copied by many signers)' },
  { selector: 's2048', usedBy: 'Yahoo and AOL' },
];

export const COMMON_SELECTOR_NAMES: readonly string[] = COMMON_SELECTORS.map((s) => s.selector);
