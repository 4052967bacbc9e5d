// Finding the reader, writer and settings in the three shapes of a DataWorks job.
import { z } from 'zod';
import { Params, type Translation } from './report.ts';
import { objectLike, text } from './values.ts';

export interface Located {
  reader: Params;
  writer: Params;
  setting?: Params;
}

const pluginStep = z.looseObject({ parameter: objectLike.optional() });

const STRUCTURE_KEYS = ['version', 'order', 'extend'];

export function locate(t: Translation, json: unknown): Located | undefined {
  const root = t.check(objectLike, json, '(root)');
  if (!root) return undefined;
  let located: Located | undefined;
  if ('steps' in root) located = locateSteps(t, root);
  else if ('configuration' in root) located = locateConfiguration(t, root);
  else if ('job' in root) located = locateDataX(t, root);
  else {
    t.problem('(root)', 'not a DataWorks job: expected "steps" (code editor), "configuration" (version 1.0) or "job.content" (DataX)');
    return undefined;
  }
  if (root.type !== undefined && root.type !== 'job') t.problem('type', `must be "job", got ${JSON.stringify(root.type)}`);
  for (const key of Object.keys(root)) {
    if (STRUCTURE_KEYS.includes(key)) t.note(key, 'ignored', 'DataWorks job structure; ots2oss runs one reader and one writer per job');
    else if (!['steps', 'configuration', 'job', 'setting', 'type'].includes(key)) t.note(key, 'unsupported', 'not a DataWorks job field ots2oss knows; it has no effect');
  }
  return located;
}

function paramsOf(t: Translation, step: unknown, path: string): Params | undefined {
  const parsed = t.check(pluginStep, step, path);
  if (!parsed) return undefined;
  if (parsed.parameter === undefined) {
    t.problem(`${path}.parameter`, 'required: the plugin\'s settings');
    return undefined;
  }
  return new Params(t, `${path}.parameter`, parsed.parameter);
}

function checkPlugin(t: Translation, field: string, got: unknown, expected: string, what: string): void {
  if (typeof got !== 'string' || got.toLowerCase() !== expected) {
    t.problem(field, `must be "${expected}" (${what}), got ${JSON.stringify(got)}`);
  }
}

function settingOf(t: Translation, value: unknown, path: string): Params | undefined {
  if (value === undefined) return undefined;
  const parsed = t.check(objectLike, value, path);
  return parsed ? new Params(t, path, parsed) : undefined;
}

const stepsShape = z.array(z.looseObject({ stepType: text.optional(), category: text.optional() }), { error: 'must be a list of steps' });

function locateSteps(t: Translation, root: Record<string, unknown>): Located | undefined {
  const steps = t.check(stepsShape, root.steps, 'steps');
  if (!steps) return undefined;
  const role = (s: (typeof steps)[number], category: string, plugin: string) =>
    s.category ? s.category.toLowerCase() === category : s.stepType?.toLowerCase() === plugin;
  const readers = steps.flatMap((s, i) => (role(s, 'reader', 'otsstream') ? [i] : []));
  const writers = steps.flatMap((s, i) => (role(s, 'writer', 'oss') ? [i] : []));
  if (readers.length !== 1 || writers.length !== 1 || steps.length !== 2) {
    t.problem('steps', `needs exactly one reader step (stepType "otsstream") and one writer step (stepType "oss"); found ${steps.length} step(s), ${readers.length} reader(s), ${writers.length} writer(s)`);
    return undefined;
  }
  const r = readers[0] as number;
  const w = writers[0] as number;
  checkPlugin(t, `steps[${r}].stepType`, steps[r]?.stepType, 'otsstream', 'the Tablestore Stream reader');
  checkPlugin(t, `steps[${w}].stepType`, steps[w]?.stepType, 'oss', 'the OSS writer');
  const reader = paramsOf(t, steps[r], `steps[${r}]`);
  const writer = paramsOf(t, steps[w], `steps[${w}]`);
  const setting = settingOf(t, root.setting, 'setting');
  return reader && writer ? { reader, writer, setting } : undefined;
}

const configurationShape = z.looseObject({ reader: z.looseObject({ plugin: z.unknown().optional() }), writer: z.looseObject({ plugin: z.unknown().optional() }), setting: z.unknown().optional() });

function locateConfiguration(t: Translation, root: Record<string, unknown>): Located | undefined {
  const conf = t.check(configurationShape, root.configuration, 'configuration');
  if (!conf) return undefined;
  return readerAndWriter(t, 'configuration', conf, { key: 'plugin', reader: 'otsstream', writer: 'oss' }, [conf.setting, 'configuration.setting']);
}

const dataXShape = z.looseObject({
  content: z.array(z.looseObject({ reader: z.looseObject({ name: z.unknown().optional() }), writer: z.looseObject({ name: z.unknown().optional() }) }), { error: 'must be a list of reader/writer pairs' }),
  setting: z.unknown().optional(),
});

function locateDataX(t: Translation, root: Record<string, unknown>): Located | undefined {
  const job = t.check(dataXShape, root.job, 'job');
  if (!job) return undefined;
  if (job.content.length !== 1) {
    t.problem('job.content', `needs exactly one reader/writer pair, found ${job.content.length}; split the pairs into separate jobs`);
    return undefined;
  }
  const pair = job.content[0] as (typeof job.content)[number];
  return readerAndWriter(t, 'job.content[0]', pair, { key: 'name', reader: 'otsstreamreader', writer: 'osswriter' }, [job.setting, 'job.setting']);
}

/** The reader and writer of a pair, each checked to be the expected plugin, and the job's settings. */
function readerAndWriter(
  t: Translation, path: string, pair: { reader: Record<string, unknown>; writer: Record<string, unknown> },
  plugins: { key: 'plugin' | 'name'; reader: string; writer: string }, [settingValue, settingPath]: [unknown, string],
): Located | undefined {
  checkPlugin(t, `${path}.reader.${plugins.key}`, pair.reader[plugins.key], plugins.reader, 'the Tablestore Stream reader');
  checkPlugin(t, `${path}.writer.${plugins.key}`, pair.writer[plugins.key], plugins.writer, 'the OSS writer');
  const reader = paramsOf(t, pair.reader, `${path}.reader`);
  const writer = paramsOf(t, pair.writer, `${path}.writer`);
  const setting = settingOf(t, settingValue, settingPath);
  return reader && writer ? { reader, writer, setting } : undefined;
}
