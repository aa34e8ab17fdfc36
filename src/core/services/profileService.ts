import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { AwsProfile } from '../model/profiles';
import { listProfiles } from '../model/profiles';
import { FALLBACK_HOME_REGION } from '../model/regions';

/** Where the shared files are, honouring the same environment variables as the AWS CLI and SDK. */
export function sharedFilePaths(env: NodeJS.ProcessEnv = process.env): {
  config: string;
  credentials: string;
} {
  const home = env.HOME ?? env.USERPROFILE ?? homedir();
  return {
    config: env.AWS_CONFIG_FILE ?? join(home, '.aws', 'config'),
    credentials: env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials'),
  };
}

/** Reads the profiles defined in the shared config and credentials files. */
export class ProfileService {
  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  async listProfiles(): Promise<AwsProfile[]> {
    const paths = sharedFilePaths(this.env);
    const [config, credentials] = await Promise.all([
      readOptional(paths.config),
      readOptional(paths.credentials),
    ]);
    return listProfiles(config, credentials);
  }

  /**
   * The region for account-wide calls: the environment's AWS_REGION / AWS_DEFAULT_REGION, then the
   * profile's `region`, then us-east-1.
   */
  async homeRegion(profile: string | undefined): Promise<string> {
    const fromEnv = this.env.AWS_REGION ?? this.env.AWS_DEFAULT_REGION;
    if (fromEnv) return fromEnv;
    const name = profile ?? this.env.AWS_PROFILE ?? 'default';
    const found = (await this.listProfiles()).find((p) => p.name === name);
    return found?.region ?? FALLBACK_HOME_REGION;
  }
}

async function readOptional(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}
