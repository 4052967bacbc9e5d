// Where the job's connection comes from: endpoints, and keys, which go to `connection` only (for a CLI run of
// the script itself), never into the job.
import { httpsOf, isAlibabaCloudHost } from '../endpoints.ts';
import type { Params, Translation } from './report.ts';
import { isSchedulingParameter, nonEmpty } from './values.ts';

export interface DataWorksConnection {
  endpoint?: string;
  accessKeyId?: string;
  accessKeySecret?: string;
}

const DROPPED = 'dropped, not in the converted job: ots2oss takes credentials from the environment (ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET), ' +
  'a profile (--profile) or the function\'s RAM role, never from a job; rotate a key kept in a job file';

/** An endpoint with its scheme: https when none is given, and for Alibaba Cloud hosts, which all take it. */
export function endpointUrl(t: Translation, value: string, field: string): string {
  const plain = /^http:\/\/([^/:?#]+)/i.exec(value);
  if (plain && isAlibabaCloudHost(plain[1] as string)) {
    const secure = httpsOf(value);
    const port = secure.port === undefined ? '' : `; ${secure.port}`;
    t.note(field, 'mapped', `http:// becomes https:// (${secure.url}): over http the exported rows would cross the network unencrypted; Alibaba Cloud endpoints take https${port}`);
    return secure.url;
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return value;
  t.note(field, 'mapped', `no scheme given: https://${value} is used`);
  return `https://${value}`;
}

/** Keys are never part of the converted job; `connection` hands them to a CLI run of the script itself. */
export function credentials(t: Translation, p: Params, connection: DataWorksConnection): void {
  const id = p.take('accessId', nonEmpty);
  const key = p.take('accessKey', nonEmpty);
  for (const [field, value, slot] of [['accessId', id, 'accessKeyId'], ['accessKey', key, 'accessKeySecret']] as const) {
    if (value === undefined) continue;
    if (isSchedulingParameter(value)) {
      t.note(p.field(field), 'ignored', 'a scheduling parameter ots2oss cannot fill; use the function role (STS) or environment credentials');
      continue;
    }
    t.keyFields.push(p.field(field));
    if (connection[slot] === undefined) {
      connection[slot] = value;
      t.note(p.field(field), 'ignored', `${DROPPED}. \`run --config\` with this script uses it for that run only`);
    } else if (connection[slot] !== value) {
      t.note(p.field(field), 'ignored', `${DROPPED}. It differs from the reader's, which \`run --config\` with this script uses for Tablestore and OSS`);
    } else {
      t.note(p.field(field), 'ignored', `${DROPPED}. The same as the reader's`);
    }
  }
}
