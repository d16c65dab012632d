// Recognises secrets written in plain `environment` values, by the variable name or by the value's form.
// Names ending in _ARN, _NAME, _ID (and _FILE, _PATH) usually point to a secret rather than hold one.

const SECRET_NAME =
  /(?:^|_|-)(?:PASSWORD|PASSWD|PASS|PWD|SECRET|SECRETS|TOKEN|API_?KEY|APIKEY|PRIVATE_?KEY|ACCESS_?KEY|SECRET_?KEY|CLIENT_?SECRET|CREDENTIALS?|AUTH_?TOKEN|LICEN[CS]E_?KEY|SIGNING_?KEY|ENCRYPTION_?KEY|DSN)(?:$|_|-)/i;
const POINTER_SUFFIX =
  /(?:_|-)(?:ARN|NAME|ID|FILE|PATH|PARAM|PARAMETER|URI_?PARAM|REF|SECRET_?ID|KEY_?ID|REGION|LENGTH|TTL|EXPIRY|EXPIRES|HEADER|ENABLED)$/i;

interface ValuePattern {
  pattern: RegExp;
  what: string;
}

const SECRET_VALUES: ValuePattern[] = [
  { pattern: /^(?:AKIA|ASIA)[0-9A-Z]{16}$/, what: 'an AWS access key ID' },
  { pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/, what: 'a private key' },
  { pattern: /^gh[pousr]_[A-Za-z0-9]{36,}$/, what: 'a GitHub token' },
  { pattern: /^xox[abposr]-[A-Za-z0-9-]{10,}$/, what: 'a Slack token' },
  { pattern: /^sk_live_[A-Za-z0-9]{16,}$/, what: 'a Stripe secret key' },
  { pattern: /^eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}$/, what: 'a JSON web token' },
  { pattern: /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i, what: 'a URL with a password in it' },
];

/** Values that are clearly not secrets: empty, a reference to something else, or a placeholder. */
function isHarmless(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed.length < 4) return true;
  if (/^(?:true|false|yes|no|on|off|none|null|disabled|enabled|\d+)$/i.test(trimmed)) return true;
  if (/^arn:/.test(trimmed) || /^\$\{[^}]+\}$/.test(trimmed) || /^<[^>]+>$/.test(trimmed)) return true;
  if (/^(?:\/|\.\/|file:)/.test(trimmed) && !/\s/.test(trimmed)) return true;
  return false;
}

/** Why this environment entry looks like a secret, or undefined. */
export function plaintextSecretReason(name: string, value: string): string | undefined {
  // Secrets are short; a huge value is data, and the patterns need not scan it.
  if (value.length > 8192) return undefined;
  for (const { pattern, what } of SECRET_VALUES) {
    if (pattern.test(value.trim())) return `its value looks like ${what}`;
  }
  if (isHarmless(value)) return undefined;
  if (SECRET_NAME.test(name) && !POINTER_SUFFIX.test(name)) return `its name \`${name}\` says it holds a secret`;
  return undefined;
}
