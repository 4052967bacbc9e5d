import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { TablestoreEmulator } from '../../../emulators/tablestore/index.ts';
import { windowOf } from '../../core/window.ts';
import { createLogger } from '../../util/logger.ts';
import { startLocalPipeline } from '../../local/pipeline.ts';
import { writeWorkload } from '../../local/workload.ts';
import { loadEnvironment } from '../../../stacks/config.ts';
import { EXIT, intOption, stringOption, type Command } from '../command.ts';
import { formatBytes } from '../report.ts';

/** The open shard that took the most changes: splitting it shows lineage order at work. */
function busiestOpenShard(tablestore: TablestoreEmulator, table: string, instance: string): string {
  const counts = new Map<string, number>();
  for (const r of tablestore.changeLog(table, instance)) counts.set(r.shardId, (counts.get(r.shardId) ?? 0) + 1);
  const open = tablestore.shards(table, instance).filter((s) => s.open);
  return open.reduce((best, s) => ((counts.get(s.shardId) ?? 0) > (counts.get(best.shardId) ?? 0) ? s : best)).shardId;
}

export const demoCommand: Command = {
  name: 'demo',
  summary: 'run the whole pipeline locally against the emulators (what `npm start` does)',
  usage: [
    'Usage: ots2oss demo [--env FILE] [--rows N] [--serve] [--data-dir DIR] [--verbose]',
    '',
    'Starts the Tablestore and OSS emulators, creates the environment\'s instance, stream-enabled table,',
    'status table and bucket in them, writes a change workload (puts, updates, deletes, a shard split)',
    'over a few simulated minutes, runs the exporter on each timer tick, and prints what landed in OSS.',
    'Nothing outside this machine is contacted.',
    '  --env FILE     environment file (default environments/dev.json)',
    '  --rows N       changes to write (default 120)',
    '  --serve        keep the emulators running afterwards and print how to reach them',
    '  --data-dir DIR keep emulator state on disk',
    '  -v, --verbose  the exporter\'s JSON-line logs on stderr',
  ].join('\n'),
  options: {
    env: { type: 'string' },
    rows: { type: 'string' },
    serve: { type: 'boolean' },
    'data-dir': { type: 'string' },
    verbose: { type: 'boolean', short: 'v' },
  },
  async run(values) {
    const envPath = resolve(stringOption(values, 'env') ?? 'environments/dev.json');
    const env = loadEnvironment(envPath);
    const rows = intOption(values, 'rows') ?? 120;
    const logger = values.verbose ? createLogger({ write: (l) => process.stderr.write(l + '\n') }) : undefined;
    const entry = env.jobs[0]!;
    const sizeMs = entry.window.sizeMinutes * 60_000;
    const lagMs = entry.window.safetyLagSeconds * 1000;
    const t0 = windowOf(Date.now() - 60 * 60_000, entry.window.sizeMinutes).start;
    const pipeline = await startLocalPipeline(env, { startMs: t0, dataDir: stringOption(values, 'data-dir') });
    const out = (line = '') => process.stdout.write(line + '\n');
    try {
      const local = pipeline.jobs[0]!;
      const { job } = local;
      out(`ots2oss demo: environment ${env.name}, job ${job.name}: ${job.source.instance}/${job.source.table} -> oss://${job.sink.bucket}/${job.sink.object}`);
      out(`  ${job.sink.fileFormat}, mode ${job.reader.mode}, ${job.window.sizeMinutes}-minute windows, emulators at ${pipeline.emulators.info.tablestore} and ${pipeline.emulators.info.oss}`);
      out();
      const span = 3 * sizeMs;
      let nextTick = t0 + sizeMs + lagMs + 5_000;
      const ticks: string[] = [];
      const tick = async () => {
        const s = await pipeline.tick(local, { logger });
        const at = new Date(pipeline.clock.now()).toISOString().slice(11, 19);
        const line = `  tick ${at}: ${s.windows.length} window(s), ${s.records} records -> ${s.rows} rows in ${s.objects} object(s)` +
          `${s.lagSeconds !== undefined ? `, lag ${s.lagSeconds} s` : ''}${s.ok ? '' : `, FAILED: ${s.error?.message}`}`;
        ticks.push(line);
        out(line);
        if (!s.ok) throw new Error(s.error?.message);
      };
      const primaryKey = local.entry.source.createTable!.primaryKey.map((c) => ({
        name: c.name, type: c.type === 'INTEGER' ? 'int64' as const : c.type === 'BINARY' ? 'binary' as const : 'string' as const,
      }));
      const steps = await writeWorkload(local.tables, {
        table: job.source.table, primaryKey, rows,
        onStep: async (i) => {
          // A tick may have moved the clock on while it waited (window.lingerSeconds).
          pipeline.clock.set(Math.max(pipeline.clock.now(), t0 + Math.floor((i * span) / rows) + 1_000));
          while (pipeline.clock.now() >= nextTick) {
            await tick();
            nextTick += sizeMs;
          }
          if (i === Math.floor(rows / 2)) {
            const busiest = busiestOpenShard(pipeline.emulators.tablestore, job.source.table, job.source.instance);
            const [a, b] = pipeline.emulators.tablestore.splitShard(job.source.table, busiest, job.source.instance);
            out(`  split shard ${busiest} into ${a} and ${b}`);
          }
        },
      });
      for (let i = 0; i < 2; i++) {
        pipeline.clock.set(Math.max(pipeline.clock.now(), nextTick));
        await tick();
        nextTick += sizeMs;
      }
      const objects = pipeline.emulators.oss.objects(job.sink.bucket);
      const data = objects.filter((o) => !o.key.includes('/_ots2oss/'));
      const manifests = objects.filter((o) => o.key.endsWith('manifest.json'));
      const counts = { put: 0, update: 0, delete: 0 };
      for (const s of steps) counts[s.kind]++;
      out();
      out(`wrote ${steps.length} changes (${counts.put} puts, ${counts.update} updates, ${counts.delete} deletes); ` +
        `the table's stream holds ${pipeline.emulators.tablestore.changeLog(job.source.table, job.source.instance).length} records`);
      out(`exported ${manifests.length} windows: ${data.length} data objects, ${formatBytes(data.reduce((n, o) => n + o.size, 0))}, each window with manifest.json and _SUCCESS`);
      for (const o of data.slice(0, 6)) out(`  oss://${job.sink.bucket}/${o.key}  ${formatBytes(o.size)}`);
      if (data.length > 6) out(`  ... and ${data.length - 6} more`);
      const sample = data[0];
      if (sample) {
        out();
        out(`first lines of ${sample.key}:`);
        for (const line of sample.body().toString('utf8').split('\n').slice(0, 6)) out(`  ${line.length > 140 ? line.slice(0, 140) + '…' : line}`);
      }
      out();
      if (values.serve) {
        pipeline.clock.followRealTime();
        const jobFile = join('.ots2oss', 'demo', `${job.name}.json`);
        mkdirSync(dirname(jobFile), { recursive: true });
        writeFileSync(jobFile, JSON.stringify(job, null, 2) + '\n');
        const { info } = pipeline.emulators;
        out('emulators keep running on the wall clock (Ctrl-C to stop):');
        out(`  ${JSON.stringify(info)}`);
        out(`the job, pointed at them: ${jobFile}`);
        out('try, in another terminal:');
        out(`  export ALIBABA_CLOUD_ACCESS_KEY_ID=${info.accessKeyId} ALIBABA_CLOUD_ACCESS_KEY_SECRET=${info.accessKeySecret}`);
        out(`  npx ots2oss status --config ${jobFile}`);
        out(`  npx ots2oss run --config ${jobFile}`);
        await new Promise<void>((done) => {
          process.once('SIGINT', () => done());
          process.once('SIGTERM', () => done());
        });
      } else {
        out('next: `npx ots2oss demo --serve` keeps the emulators up; `npm test` runs the suites; README.md has deploy steps.');
      }
      return EXIT.ok;
    } finally {
      await pipeline.close();
    }
  },
};
