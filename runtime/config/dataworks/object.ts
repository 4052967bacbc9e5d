// The OSS Writer's object: DataWorks names objects `<object>__<uuid>`, so the part after the last "/"
// begins file names and the rest is the folder. ots2oss writes `<sink.object>/<window>_<shard>_<part>.<ext>`,
// so sink.object is that folder: the objects land where DataWorks' did. A last segment holding a scheduling
// parameter (dt=${bizdate}) is what set one day's files apart; dropping it would put every day in one folder,
// so it becomes a folder of its own instead, reported as a change of layout.
import type { Translation } from './report.ts';

/** Scheduling parameters DataWorks users put in object prefixes, and the window placeholder each means here. */
const OBJECT_PARAMETERS: Record<string, string> = {
  '${bizdate}': '{date}', $bizdate: '{date}', '${yyyymmdd}': '{date}', '$[yyyymmdd]': '{date}', '$[hh24]': '{hour}', '$[mi]': '{minute}',
};

/** A scheduling parameter as DataWorks writes one: ${name}, $[expression] or $name. */
const PARAMETER = /\$\{[^}]*\}|\$\[[^\]]*\]|\$[A-Za-z_]\w*/g;

const BUSINESS_DATE = 'is the scheduled date minus one day; {date} is the date of each window\'s data. A daily job run after ' +
  'midnight wrote a day\'s data under that day\'s date, as {date} does; a job that ran within the day (minute or hour schedules ' +
  'with ${startTime}/${endTime}) wrote under the previous day\'s date, where ots2oss writes under the data\'s own date';

/** How what DataWorks filled a parameter with differs from the placeholder that replaces it (the same meaning kept, the dates not). */
const DIFFERENCES: Record<string, string> = {
  '${bizdate}': BUSINESS_DATE,
  $bizdate: BUSINESS_DATE,
  '${yyyymmdd}': BUSINESS_DATE,
  '$[yyyymmdd]': 'is the scheduled date; {date} is the date of each window\'s data. A job that ran within the day wrote under its ' +
    'data\'s date, as {date} does (but for a run just after midnight); a daily job run after midnight wrote a day\'s data under ' +
    'the next day\'s date, where ots2oss writes under the data\'s own date',
  '$[hh24]': 'is the scheduled hour; {hour} is the hour each window starts: an hourly run at 01:05 wrote 00:00-01:00 under 01, ots2oss writes it under 00',
  '$[mi]': 'is the scheduled minute; {minute} is the minute each window starts',
};

const NAMES = '<window>_<shard>_<part>.<ext> (manifests and markers under _ots2oss/, which Hive and Spark skip)';

/** The folder DataWorks wrote into, as sink.object; the dropped file-name prefix is reported. */
export function translateObject(t: Translation, object: string, field: string): string {
  const relative = object.replace(/^\/+/, '');
  if (relative.replace(/\/+$/, '') === '') {
    t.problem(field, 'is only "/": give the prefix the objects go under, such as "export/orders/${bizdate}/"');
    return object;
  }
  if (relative !== object) t.note(field, 'mapped', 'leading "/" removed: object names are keys inside the bucket');
  const cut = relative.lastIndexOf('/');
  let folder: string;
  if (relative.endsWith('/')) {
    folder = relative.replace(/\/+$/, '');
    t.note(field, 'mapped', `sink.object: ends with "/", so DataWorks wrote into this folder (${relative}__<uuid>); ots2oss writes into the same one, ${NAMES}`);
  } else if (cut < 0) {
    folder = relative;
    const says = `DataWorks wrote objects at the bucket's root, named "${relative}__<uuid>"; ots2oss writes into a folder, so its objects go into "${relative}/" instead, named ${NAMES}: point readers there`;
    t.note(field, 'unsupported', says);
    t.notes.push(`sink.object: ${says}`);
  } else if (new RegExp(PARAMETER.source).test(relative.slice(cut + 1))) {
    return asFolder(t, relative, cut, field);
  } else {
    folder = relative.slice(0, cut).replace(/\/+$/, '');
    const fileName = relative.slice(cut + 1);
    t.note(field, 'mapped', `sink.object: the folder "${folder}/"; its last segment "${fileName}" began DataWorks' file names (${relative}__<uuid>) and is dropped`);
    t.notes.push(`sink.object: the file-name prefix "${fileName}" is dropped, so the objects land in the folder DataWorks wrote into: ` +
      `DataWorks wrote ${relative}__<uuid>, ots2oss writes ${folder}/${NAMES}. A reader that picked files by the name "${fileName}" ` +
      `must take the whole folder; to write into a folder "${fileName}/" instead, end the DataWorks object with "/" and import again`);
  }
  return withPlaceholders(t, folder, field);
}

/** A last segment with a scheduling parameter kept as a folder: each window's objects under their own date or hour. */
function asFolder(t: Translation, relative: string, cut: number, field: string): string {
  const parent = relative.slice(0, cut).replace(/\/+$/, '');
  const segment = relative.slice(cut + 1);
  const out = withPlaceholders(t, relative, field);
  const says = `DataWorks wrote files named "${segment}__<uuid>" side by side in "${parent}/"; ots2oss cannot ` +
    `begin file names with the parameter, so "${segment}" becomes a folder: each window's objects go into "${out}/", named ${NAMES}. ` +
    `Point readers at those folders: ${partitions(parent, segment)}; a reader that picked one day's or hour's files in ` +
    `"${parent}/" by their names finds none there now`;
  t.note(field, 'unsupported', says);
  t.notes.push(`sink.object: the layout changes: ${says}`);
  return out;
}

/** How a Hive or Spark table over the parent reads the new folders: a key=value folder is a partition it discovers. */
function partitions(parent: string, segment: string): string {
  const key = /^([A-Za-z_]\w*)=/.exec(segment)?.[1];
  return key === undefined
    ? `a Hive or Spark table located at "${parent}/" must add each folder as a partition or list recursively`
    : `a Hive or Spark table located at "${parent}/" and partitioned by ${key} finds them as its partitions (Hive after MSCK REPAIR TABLE or ADD PARTITION)`;
}

function withPlaceholders(t: Translation, prefix: string, field: string): string {
  const replaced: string[] = [];
  const used: string[] = [];
  const out = prefix.replace(PARAMETER, (param) => {
    const placeholder = OBJECT_PARAMETERS[param.toLowerCase()];
    if (placeholder === undefined) {
      t.problem(field, `scheduling parameter ${param} cannot be filled by ots2oss; use {date} (yyyyMMdd), {hour}, {minute} or {window} of each window, or one of ${Object.keys(OBJECT_PARAMETERS).join(', ')}`);
      return param;
    }
    replaced.push(`${param} -> ${placeholder}`);
    used.push(param);
    return placeholder;
  });
  if (replaced.length) {
    t.note(field, 'mapped', `scheduling parameters become window placeholders, in sink.timeZone (UTC unless --utc-offset or --time-zone is given; DataWorks fills them in its scheduling zone, usually UTC+8: --utc-offset 480): ${replaced.join(', ')}`);
  }
  for (const param of new Set(used)) {
    const difference = DIFFERENCES[param.toLowerCase()];
    if (difference === undefined) continue;
    // Once, in the notes (which `run --config` prints too), not again beside the field.
    t.notes.push(`sink.object: ${param} ${difference}`);
  }
  return out;
}
