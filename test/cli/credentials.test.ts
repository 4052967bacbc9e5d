import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LOCAL_ACCESS_KEY_ID, LOCAL_ACCESS_KEY_SECRET } from '../../emulators/index.ts';
import { cliEnv, runCli, startFixture, type Fixture } from './harness.ts';

// Keys from a profile of ~/.aliyun/config.json (--profile, or the file's current one), checked by the
// emulators' signature check: a profile whose keys are used as they are works; others are refused.

describe('ots2oss credentials from an aliyun CLI profile', () => {
  let fx: Fixture;
  let n = 0;
  before(async () => {
    fx = await startFixture({ windows: 1, rows: 5 });
  });
  after(() => fx.close());

  const ak = { access_key_id: LOCAL_ACCESS_KEY_ID, access_key_secret: LOCAL_ACCESS_KEY_SECRET };
  const profiles = {
    current: 'dev',
    profiles: [
      { name: 'dev', mode: 'AK', ...ak, region_id: 'cn-hangzhou' },
      { name: 'sts', mode: 'StsToken', ...ak, sts_token: 'token' },
      { name: 'role', mode: 'RamRoleArn', ...ak, ram_role_arn: 'acs:ram::123:role/exporter', ram_session_name: 's' },
    ],
  };
  /** `status` with only the config file (no key variables); the file holds `text`. */
  const status = (text: string, args: string[] = []) => {
    const path = join(fx.dir, `aliyun-${n++}.json`);
    writeFileSync(path, text);
    const env = cliEnv({ ALIBABA_CLOUD_CONFIG_FILE: path });
    delete env.ALIBABA_CLOUD_ACCESS_KEY_ID;
    delete env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
    return runCli(['status', '--config', fx.jobPath, ...args], { env }).then((r) => ({ ...r, path }));
  };

  it('signs with an AK or StsToken profile: the current one, or the one --profile names', async () => {
    for (const args of [[], ['--profile', 'sts']]) {
      const result = await status(JSON.stringify(profiles), args);
      assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
    }
  });

  it('refuses a RamRoleArn profile rather than use its base AccessKey without assuming the role', async () => {
    for (const [text, args] of [[JSON.stringify({ ...profiles, current: 'role' }), []], [JSON.stringify(profiles), ['--profile', 'role']]] as const) {
      const result = await status(text, [...args]);
      assert.equal(result.code, 3, result.stderr);
      assert.match(result.stderr, /profile "role" in .* has mode RamRoleArn: ots2oss signs with AK and StsToken profiles only and does not assume roles/);
      assert.match(result.stderr, /aliyun sts AssumeRole --RoleArn acs:ram::123:role\/exporter/);
      assert.match(result.stderr, /ALIBABA_CLOUD_SECURITY_TOKEN/);
    }
  });

  it('says a --profile does not exist, listing those that do', async () => {
    const result = await status(JSON.stringify(profiles), ['--profile', 'nosuch']);
    assert.equal(result.code, 3, result.stderr);
    assert.match(result.stderr, new RegExp(`--profile nosuch: ${result.path} has no profile "nosuch"; its profiles: dev, sts, role`));
  });

  it('names the file when it is not JSON or not shaped as the aliyun CLI writes it (exit 3)', async () => {
    const broken = await status('{"current": "dev",');
    assert.equal(broken.code, 3, broken.stderr);
    assert.match(broken.stderr, new RegExp(`${broken.path} is invalid:\\n  - not valid JSON`));
    const shaped = await status(JSON.stringify({ current: 'dev', profiles: { dev: ak } }));
    assert.equal(shaped.code, 3, shaped.stderr);
    assert.match(shaped.stderr, new RegExp(`${shaped.path} is invalid:\\n  - profiles: `));
    assert.doesNotMatch(shaped.stderr, /"code":/, 'no raw zod issues');
  });
});
