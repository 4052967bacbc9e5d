import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { RunSummary } from '../../runtime/export/exporter.ts';
import { cliEnv, runCli, startFixture, type Fixture } from './harness.ts';

// Tablestore answers a person must act on come out naming the field, its value and the fix, and for
// rejected keys which key (its last four characters) and where it came from, never the secret.

describe('Tablestore errors in the job\'s terms', () => {
  let fx: Fixture;
  const jobWith = (name: string, source: Record<string, string>) => {
    const path = join(fx.dir, `${name}.json`);
    writeFileSync(path, JSON.stringify({ ...fx.job, name, source: { ...fx.job.source, ...source } }));
    return path;
  };
  before(async () => {
    fx = await startFixture({ windows: 1, rows: 5 });
  });
  after(() => fx.close());

  it('a missing status table names source.statusTable and how to create it', async () => {
    const result = await runCli(['status', '--config', jobWith('nostatus', { statusTable: 'no_such_status' })]);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, new RegExp(`^ots2oss status: source\\.statusTable: table "no_such_status" does not exist in instance ${fx.job.source.instance} ` +
      '\\(Tablestore answered \\w+: OTSObjectNotExist: Requested table does not exist\\.\\); create it \\(primary key StreamId, StatusType, ' +
      'StatusValue, all STRING\\), or let the stack create it \\(source\\.createStatusTable\\)', 'm'));
  });

  it('a wrong source.table names it in the run\'s error', async () => {
    const result = await runCli(['run', '--config', jobWith('typo', { table: 'ordrs' }), '--json']);
    assert.equal(result.code, 1, result.stderr);
    const summary = JSON.parse(result.stdout) as RunSummary;
    assert.equal(summary.error?.name, 'TablestoreAccessError');
    assert.match(summary.error.message, new RegExp(`^source\\.table: table "ordrs" does not exist in instance ${fx.job.source.instance} \\(Tablestore answered DescribeTable: OTSObjectNotExist: .*\\); correct source\\.table`));
  });

  it('a call the operator\'s keys are denied names the keys, the permission, and the function\'s role that has it', async () => {
    fx.emulators.tablestore.faults.add({ operation: 'GetShardIterator', errorRate: 1, code: 'OTSNoPermissionAccess' });
    try {
      const result = await runCli(['run', '--config', jobWith('denied', {}), '--json']);
      assert.equal(result.code, 1, result.stderr);
      const summary = JSON.parse(result.stdout) as RunSummary;
      assert.match(summary.error?.message ?? '', new RegExp(`^access key \\*\\*\\*\\*${fx.emulators.info.accessKeyId.slice(-4)} from \\S+.* may not call GetShardIterator on table ${fx.job.source.table} .*; ` +
        'grant ots:GetShardIterator on it to that user or role \\(the function\'s role, which the stack makes, has it\\)$'));
    } finally {
      fx.emulators.tablestore.faults.clear();
    }
  });

  it('a wrong source.instance names it and the endpoint', async () => {
    const result = await runCli(['status', '--config', jobWith('noinst', { instance: 'nosuchinst' })]);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, new RegExp(`source\\.instance: instance "nosuchinst" is not found at ${fx.emulators.info.tablestore} \\(Tablestore answered \\w+: OTSAuthFailed: The instance is not found\\.\\); correct source\\.instance`));
  });

  it('a wrong secret says which key, from the environment variables, without the secret', async () => {
    const secret = 'wrong-secret-value-42';
    const result = await runCli(['status', '--config', fx.jobPath], { env: cliEnv({ ALIBABA_CLOUD_ACCESS_KEY_SECRET: secret }) });
    assert.equal(result.code, 1, result.stderr);
    const id = fx.emulators.info.accessKeyId;
    assert.match(result.stderr, new RegExp(`Tablestore refused access key \\*\\*\\*\\*${id.slice(-4)} from ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET ` +
      `for instance ${fx.job.source.instance} \\(Tablestore answered \\w+: OTSAuthFailed: Signature mismatch\\.\\); the AccessKey secret does not match its ID`));
    assert.ok(!result.stderr.includes(secret) && !result.stderr.includes(id), 'neither the secret nor the whole key ID is printed');
  });

  it('an unknown key from a profile names the profile and its file', async () => {
    const config = join(fx.dir, 'aliyun.json');
    writeFileSync(config, JSON.stringify({ current: 'dev', profiles: [{ name: 'dev', mode: 'AK', access_key_id: 'LTAI-unknown-key-7391', access_key_secret: 'profile-secret-value' }] }));
    const env = cliEnv({ ALIBABA_CLOUD_CONFIG_FILE: config });
    delete env.ALIBABA_CLOUD_ACCESS_KEY_ID;
    delete env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
    const result = await runCli(['status', '--config', fx.jobPath], { env });
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, new RegExp(`Tablestore refused access key \\*\\*\\*\\*7391 from profile "dev" in ${config.replaceAll('.', '\\.')} .*OTSAuthFailed: The AccessKeyID does not exist\\..*; that AccessKey ID is unknown or disabled`));
    assert.ok(!result.stderr.includes('profile-secret-value'));
  });
});
