/** A named profile found in the shared AWS config/credentials files. */
export interface AwsProfile {
  name: string;
  /** The profile's `region`, if it sets one. */
  region?: string;
  /** How the profile gets credentials, for display only. */
  kind: 'sso' | 'process' | 'role' | 'static' | 'web-identity' | 'other';
  /** Which files define it. */
  sources: ('config' | 'credentials')[];
}

type Sections = Map<string, Map<string, string>>;

/**
 * Parses an AWS shared config or credentials file into sections. In the config file profile sections
 * are `[profile name]` (and `[default]`); in the credentials file they are `[name]`. Other config
 * sections (`sso-session`, `services`) are not profiles.
 */
export function parseIniProfiles(text: string, file: 'config' | 'credentials'): Sections {
  const sections: Sections = new Map();
  let current: Map<string, string> | undefined;
  for (const rawLine of text.split(/\r?\n/)) {
    // Like the SDK's parser: `#` or `;` at the start or after white space begins a comment.
    const line = rawLine.replace(/(^|\s)[;#].*$/, '').replace(/^\s+|\s+$/g, '');
    if (line.length === 0 || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (header) {
      const name = profileNameOf(header[1] ?? '', file);
      current = name === undefined ? undefined : (sections.get(name) ?? new Map<string, string>());
      if (name !== undefined && current) sections.set(name, current);
      continue;
    }
    // Indented lines are sub-properties (e.g. under `s3 =`); they do not matter for profiles.
    if (!current || /^\s/.test(rawLine)) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    current.set(line.slice(0, eq).trim().toLowerCase(), line.slice(eq + 1).trim());
  }
  return sections;
}

function profileNameOf(header: string, file: 'config' | 'credentials'): string | undefined {
  if (file === 'credentials') return header;
  if (header === 'default') return 'default';
  const m = /^profile\s+(.+)$/.exec(header);
  return m?.[1]?.trim();
}

/** Merges the two files into a sorted profile list (`default` first). */
export function listProfiles(configText: string, credentialsText: string): AwsProfile[] {
  const config = parseIniProfiles(configText, 'config');
  const credentials = parseIniProfiles(credentialsText, 'credentials');
  const names = new Set([...config.keys(), ...credentials.keys()]);
  const profiles: AwsProfile[] = [];
  for (const name of names) {
    const c = config.get(name);
    const k = credentials.get(name);
    const all = new Map([...(c ?? []), ...(k ?? [])]);
    const sources: AwsProfile['sources'] = [];
    if (c) sources.push('config');
    if (k) sources.push('credentials');
    const region = all.get('region');
    profiles.push({ name, kind: kindOf(all), sources, ...(region ? { region } : {}) });
  }
  return profiles.sort((a, b) =>
    a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name),
  );
}

function kindOf(values: Map<string, string>): AwsProfile['kind'] {
  if (values.has('sso_session') || values.has('sso_start_url')) return 'sso';
  if (values.has('credential_process')) return 'process';
  if (values.has('role_arn') && values.has('web_identity_token_file')) return 'web-identity';
  if (values.has('role_arn')) return 'role';
  if (values.has('aws_access_key_id')) return 'static';
  return 'other';
}
