import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { formatBytes } from '../../runtime/cli/report.ts';
import type { WindowCheck } from '../../runtime/cli/window-check.ts';
import { windowId, windowPrefix, type TimeWindow } from '../../runtime/core/window.ts';
import { manifestKey, successKey } from '../../runtime/oss/sink.ts';
import { runCli, startFixture, type Fixture } from './harness.ts';

function layoutOf(fx: Fixture, w: TimeWindow) {
  const { job } = fx;
  return { prefix: windowPrefix(job, w), windowId: windowId(w) };
}

interface ManifestJson {
  rows: number;
  objects: Array<{ key: string; rows: number; bytes: number }>;
}

async function manifestOf(fx: Fixture, w: TimeWindow): Promise<ManifestJson> {
  const text = await fx.adapters().sink.getText(manifestKey(layoutOf(fx, w)));
  return JSON.parse(text!) as ManifestJson;
}

describe('ots2oss verify', () => {
  let fx: Fixture;
  before(async () => {
    fx = await startFixture({ windows: 5, rows: 60 });
    const summary = await fx.exportWindows(fx.windows);
    assert.equal(summary.ok, true, summary.error?.message);
  });
  after(() => fx.close());

  const end = () => windowId({ start: fx.windows.at(-1)!.end, end: 0 });

  it('passes windows that match their manifests, checking every object (exit 0)', async () => {
    const w = fx.windows[0]!;
    const result = await runCli(['verify', '--config', fx.jobPath, '--window', new Date(w.start + 30_000).toISOString()]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const manifest = await manifestOf(fx, w);
    assert.ok(manifest.objects.length > 0 && manifest.rows > 0);
    assert.match(result.stdout, new RegExp(`window ${windowId(w)} .*: OK`));
    assert.match(result.stdout, /OBJECT +ROWS +BYTES +MD5 +STATUS/);
    for (const o of manifest.objects) {
      assert.match(result.stdout, new RegExp(`${o.key.split('/').at(-1)} +${o.rows} +${formatBytes(o.bytes)} +ok +ok`));
    }
    assert.match(result.stdout, /manifest present, _SUCCESS present, .* stray objects: none/);
    assert.match(result.stdout, /1 window\(s\) match their manifests/);
  });

  it('finds a changed object, a wrong row count, a stray object, a missing marker and a missing object (exit 4)', async () => {
    const oss = fx.oss();
    const [w0, w1, w2, w3] = fx.windows as [TimeWindow, TimeWindow, TimeWindow, TimeWindow];
    // w0: one byte of an object changed (same size).
    const changed = (await manifestOf(fx, w0)).objects[0]!;
    const body = Buffer.from((await oss.get(changed.key)).content as Uint8Array);
    // A digit, so the row count stays the same: only the checksum can tell.
    let at = body.length - 1;
    while (!(body[at]! >= 0x30 && body[at]! <= 0x39)) at--;
    body[at] = body[at] === 0x30 ? 0x31 : 0x30;
    await oss.put(changed.key, body);
    // w1: the manifest claims one row more than the object holds (totals kept consistent).
    const manifest1 = await manifestOf(fx, w1);
    manifest1.objects[0]!.rows += 1;
    manifest1.rows += 1;
    await oss.put(manifestKey(layoutOf(fx, w1)), Buffer.from(JSON.stringify(manifest1)));
    // w2: an object the manifest does not list, and no _SUCCESS.
    const stray = `${layoutOf(fx, w2).prefix}/${windowId(w2)}_9999_0000.csv`;
    await oss.put(stray, Buffer.from('a,b\n'));
    await oss.delete(successKey(layoutOf(fx, w2)));
    // w3: an object listed in the manifest is gone.
    const gone = (await manifestOf(fx, w3)).objects[0]!;
    await oss.delete(gone.key);

    const result = await runCli(['verify', '--config', fx.jobPath, '--from', windowId(w0), '--to', end(), '--json']);
    assert.equal(result.code, 4, result.stderr);
    const report = JSON.parse(result.stdout) as { ok: boolean; windows: WindowCheck[] };
    assert.equal(report.ok, false);
    const byId = new Map(report.windows.map((c) => [c.windowId, c]));
    assert.deepEqual(report.windows.map((c) => c.verdict), ['mismatch', 'mismatch', 'mismatch', 'mismatch', 'ok']);

    const c0 = byId.get(windowId(w0))!;
    const o0 = c0.objects.find((o) => o.key === changed.key)!;
    assert.deepEqual(o0.problems.map((p) => p.split(':')[0]), ['md5']);
    assert.equal(o0.actual.bytes, changed.bytes);

    const o1 = byId.get(windowId(w1))!.objects[0]!;
    assert.deepEqual(o1.problems, [`rows: manifest ${manifest1.objects[0]!.rows}, object ${manifest1.objects[0]!.rows - 1}`]);

    const c2 = byId.get(windowId(w2))!;
    assert.deepEqual(c2.stray, [stray]);
    assert.equal(c2.success, false);
    assert.ok(c2.problems.some((p) => p.startsWith('no _SUCCESS marker')));
    assert.ok(c2.objects.every((o) => o.verdict === 'ok'));

    const o3 = byId.get(windowId(w3))!.objects.find((o) => o.key === gone.key)!;
    assert.deepEqual(o3.problems, ['missing: listed in the manifest but not in OSS']);

    const text = await runCli(['verify', '--config', fx.jobPath, '--window', windowId(w0)]);
    assert.equal(text.code, 4);
    assert.match(text.stdout, /MISMATCH/);
    assert.match(text.stdout, /differs +MISMATCH/);
    assert.match(text.stdout, /1 of 1 window\(s\) differ from their manifests/);
  });

  it('reports a window that was never exported, and rejects bad flags (exit 2)', async () => {
    const size = fx.job.window.sizeMinutes * 60_000;
    const before = { start: fx.windows[0]!.start - 10 * size, end: fx.windows[0]!.start - 9 * size };
    const [missing, both, none] = await Promise.all([
      runCli(['verify', '--config', fx.jobPath, '--window', windowId(before), '--json']),
      runCli(['verify', '--config', fx.jobPath, '--window', windowId(before), '--from', windowId(before)]),
      runCli(['verify', '--config', fx.jobPath]),
    ]);
    assert.equal(missing.code, 4);
    const [check] = (JSON.parse(missing.stdout) as { windows: WindowCheck[] }).windows;
    assert.equal(check?.manifest, 'missing');
    assert.match(check?.problems[0] ?? '', /^no manifest at .*manifest\.json: the window was not exported/);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /give --window, or --from and --to, not both/);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /--window WHEN, or --from WHEN and --to WHEN, is required/);
  });
});

describe('ots2oss verify with sink.compress gzip', () => {
  let fx: Fixture;
  before(async () => {
    fx = await startFixture({ windows: 2, rows: 30, job: { sink: { bucket: 'ots2oss-cli', createBucket: {}, object: 'exports/{table}/dt={date}/hour={hour}', fileFormat: 'csv', header: true, compress: 'gzip' } } });
    const summary = await fx.exportWindows(fx.windows);
    assert.equal(summary.ok, true, summary.error?.message);
  });
  after(() => fx.close());

  it('counts the rows inside .csv.gz objects, and reports one that is not a whole gzip file (exit 4)', async () => {
    const [w0, w1] = fx.windows as [TimeWindow, TimeWindow];
    const manifest = await manifestOf(fx, w0);
    assert.ok(manifest.objects.length > 0 && manifest.objects.every((o) => o.key.endsWith('.csv.gz')), JSON.stringify(manifest));
    const body = Buffer.from((await fx.oss().get(manifest.objects[0]!.key)).content as Uint8Array);
    const text = gunzipSync(body).toString('utf8');
    assert.ok(text.startsWith('shop_id,order_id,columnName,timestamp,columnValue,opType\n'), text.slice(0, 200));
    const ok = await runCli(['verify', '--config', fx.jobPath, '--window', windowId(w0)]);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, new RegExp(`${manifest.objects[0]!.key.split('/').at(-1)} +${manifest.objects[0]!.rows} +`));

    const cut = (await manifestOf(fx, w1)).objects[0]!;
    const whole = Buffer.from((await fx.oss().get(cut.key)).content as Uint8Array);
    await fx.oss().put(cut.key, whole.subarray(0, whole.length - 12));
    const bad = await runCli(['verify', '--config', fx.jobPath, '--window', windowId(w1), '--json']);
    assert.equal(bad.code, 4, bad.stdout + bad.stderr);
    assert.match(bad.stdout, /not a whole gzip file/);
  });
});
