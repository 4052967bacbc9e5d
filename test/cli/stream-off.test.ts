import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { RunSummary } from '../../runtime/export/exporter.ts';
import { createDataTable } from '../../runtime/local/provision.ts';
import { runCli, startFixture, writeEnvironment, type Fixture } from './harness.ts';

// A table whose stream is off: the run fails with a command that turns it on, and that command runs as
// printed (the job's endpoint given, and the stream expiration an environment file sets).

const KEY = { primaryKey: [{ name: 'id', type: 'STRING' as const }], timeToLive: -1, maxVersion: 1 };

/** The enable-stream command in the error's advice, as arguments. */
function adviceArgs(message: string): string[] {
  const command = /`npx ots2oss (enable-stream [^`]+)`/.exec(message)?.[1];
  assert.ok(command, `no enable-stream command in: ${message}`);
  return command.split(' ');
}

describe('a table whose stream is off', () => {
  let fx: Fixture;
  before(async () => {
    fx = await startFixture({ windows: 1, rows: 5 });
    await createDataTable(fx.local.tables, 'nostream', KEY);
    await createDataTable(fx.local.tables, 'nostream_env', KEY);
  });
  after(() => fx.close());

  const run = async (path: string, expected: number) => {
    const result = await runCli(['run', '--config', path, '--json']);
    assert.equal(result.code, expected, result.stdout + result.stderr);
    return JSON.parse(result.stdout) as RunSummary;
  };

  it('run advises enable-stream with the job\'s endpoint, and the advice runs as printed', async () => {
    const path = join(fx.dir, 'nostream.json');
    writeFileSync(path, JSON.stringify({ ...fx.job, name: 'nostream', source: { ...fx.job.source, table: 'nostream' } }));
    const failed = await run(path, 1);
    assert.equal(failed.error?.name, 'StreamNotEnabledError');
    const args = adviceArgs(failed.error.message);
    assert.deepEqual(args.slice(args.indexOf('--endpoint'), args.indexOf('--endpoint') + 2), ['--endpoint', fx.emulators.info.tablestore]);

    const enabled = await runCli(args);
    assert.equal(enabled.code, 0, enabled.stderr);
    assert.equal((JSON.parse(enabled.stdout) as { enabled: boolean }).enabled, true);
    assert.equal((await run(path, 0)).ok, true);
  });

  it('from an environment file, the advice sets source.streamExpirationHours', async () => {
    const path = writeEnvironment(fx, { name: 'nostream-env', source: { table: 'nostream_env', streamExpirationHours: 12 } });
    const failed = await run(path, 1);
    const args = adviceArgs(failed.error?.message ?? '');
    assert.deepEqual(args.slice(args.indexOf('--expiration-hours'), args.indexOf('--expiration-hours') + 2), ['--expiration-hours', '12']);

    const enabled = await runCli(args);
    assert.equal(enabled.code, 0, enabled.stderr);
    assert.deepEqual(JSON.parse(enabled.stdout), { ...JSON.parse(enabled.stdout), enabled: true, expirationHours: 12 });
  });
});
