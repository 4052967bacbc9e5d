import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError, parseOrThrow } from '../config/validation.ts';
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
    ram_role_arn: z.string().optional(),
  }).loose(), { error: 'must be a list of profiles, as `aliyun configure` writes it' }),
}, { error: 'must be an object with "profiles", as `aliyun configure` writes it' }).loose();

type Profile = z.output<typeof profileFile>['profiles'][number];

/** Modes whose keys sign requests as they are; the others need a call first (assume a role, ask ECS...). */
const SIGNING_MODES = ['AK', 'StsToken'];

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
      source: `ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET${env.ALIBABA_CLOUD_SECURITY_TOKEN ? ' (with ALIBABA_CLOUD_SECURITY_TOKEN)' : ''}`,
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
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(path, [`not valid JSON (${(error as Error).message}); fix it, or recreate it with \`aliyun configure\``]);
  }
  const config = parseOrThrow(profileFile, json, path);
  const named = profile !== undefined ? `--profile ${profile}` : env.ALIBABA_CLOUD_PROFILE ? `ALIBABA_CLOUD_PROFILE ${env.ALIBABA_CLOUD_PROFILE}` : undefined;
  const name = profile ?? env.ALIBABA_CLOUD_PROFILE ?? config.current;
  const found = config.profiles.find((p) => p.name === name);
  if (!found) {
    if (named) throw new ConfigError('credentials', [`${named}: ${path} has no profile "${name}"; its profiles: ${config.profiles.map((p) => p.name).join(', ') || 'none'}`]);
    return undefined;
  }
  return { credentials: signingKeys(found, path), region: found.region_id, source: `profile "${found.name}" in ${path}` };
}

/** The keys of an AK or StsToken profile; other modes are refused, naming how to get STS credentials instead. */
function signingKeys(p: Profile, path: string): Credentials {
  const mode = p.mode || 'AK';
  const where = `profile "${p.name}" in ${path}`;
  if (!SIGNING_MODES.includes(mode)) {
    const role = p.ram_role_arn ?? '<role ARN>';
    throw new ConfigError('credentials', [
      `${where} has mode ${mode}: ots2oss signs with AK and StsToken profiles only and does not assume roles ` +
        `(its AccessKey is not used in the role's place). Get STS credentials, e.g. \`aliyun sts AssumeRole --RoleArn ${role} ` +
        '--RoleSessionName ots2oss`, and set ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET and ' +
        'ALIBABA_CLOUD_SECURITY_TOKEN from its Credentials, or save them as a StsToken profile (`aliyun configure --mode StsToken`)',
    ]);
  }
  if (!p.access_key_id || !p.access_key_secret) {
    throw new ConfigError('credentials', [`${where} has no access_key_id and access_key_secret; set them with \`aliyun configure --profile ${p.name}\``]);
  }
  if (mode === 'StsToken' && !p.sts_token) {
    throw new ConfigError('credentials', [`${where} has mode StsToken but no sts_token; set it with \`aliyun configure --profile ${p.name} --mode StsToken\``]);
  }
  return { accessKeyId: p.access_key_id, accessKeySecret: p.access_key_secret, securityToken: p.sts_token || undefined };
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
