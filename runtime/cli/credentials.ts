import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../config/validation.ts';
import type { Credentials } from '../tablestore/stream-client.ts';

// Where the CLI finds keys: the standard Alibaba Cloud variables, or a profile of the aliyun CLI.
// Keys are never taken from flags, so they stay out of shell history and process listings.

const profileFile = z.object({
  current: z.string().optional(),
  profiles: z.array(z.object({
    name: z.string(),
    mode: z.string().optional(),
    access_key_id: z.string().optional(),
    access_key_secret: z.string().optional(),
    sts_token: z.string().optional(),
    region_id: z.string().optional(),
  }).loose()),
}).loose();

export interface ResolvedCredentials {
  credentials: Credentials;
  region?: string;
  source: string;
}

export function credentialsFromEnvironment(env: NodeJS.ProcessEnv = process.env, profile?: string): ResolvedCredentials | undefined {
  if (profile === undefined && env.ALIBABA_CLOUD_ACCESS_KEY_ID && env.ALIBABA_CLOUD_ACCESS_KEY_SECRET) {
    return {
      credentials: {
        accessKeyId: env.ALIBABA_CLOUD_ACCESS_KEY_ID,
        accessKeySecret: env.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
        securityToken: env.ALIBABA_CLOUD_SECURITY_TOKEN || undefined,
      },
      region: env.ALIBABA_CLOUD_REGION ?? env.ALICLOUD_REGION,
      source: 'environment variables',
    };
  }
  const path = env.ALIBABA_CLOUD_CONFIG_FILE ?? join(homedir(), '.aliyun', 'config.json');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    if (profile) throw new ConfigError('credentials', [`--profile ${profile}: cannot read ${path}; create it with \`aliyun configure\``]);
    return undefined;
  }
  const config = profileFile.parse(JSON.parse(text));
  const name = profile ?? env.ALIBABA_CLOUD_PROFILE ?? config.current;
  const found = config.profiles.find((p) => p.name === name);
  if (!found?.access_key_id || !found.access_key_secret) {
    if (profile) throw new ConfigError('credentials', [`profile "${profile}" in ${path} has no AccessKey (only AK and StsToken modes are supported)`]);
    return undefined;
  }
  return {
    credentials: { accessKeyId: found.access_key_id, accessKeySecret: found.access_key_secret, securityToken: found.sts_token || undefined },
    region: found.region_id,
    source: `profile ${found.name} in ${path}`,
  };
}

export function requireCredentials(env: NodeJS.ProcessEnv = process.env, profile?: string): ResolvedCredentials {
  const found = credentialsFromEnvironment(env, profile);
  if (!found) {
    throw new ConfigError('credentials', [
      'none found: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET ' +
        '(and ALIBABA_CLOUD_SECURITY_TOKEN for STS), or pass --profile NAME',
    ]);
  }
  return found;
}
