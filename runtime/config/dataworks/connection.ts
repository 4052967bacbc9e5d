// Where the job's connection comes from: endpoints and keys, which go to `connection` only, never into the job.
import type { Params, Translation } from './report.ts';
import { isSchedulingParameter, nonEmpty } from './values.ts';

export interface DataWorksConnection {
  endpoint?: string;
  accessKeyId?: string;
  accessKeySecret?: string;
}

const CREDENTIALS_NOTE = 'returned in `connection` only, not kept in the job; do not keep keys in job files: run with the function role (STS) or environment credentials';

export function endpointUrl(t: Translation, value: string, field: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return value;
  t.note(field, 'mapped', `no scheme given: https://${value} is used`);
  return `https://${value}`;
}

export function credentials(t: Translation, p: Params, connection: DataWorksConnection): void {
  const id = p.take('accessId', nonEmpty);
  const key = p.take('accessKey', nonEmpty);
  for (const [field, value, slot] of [['accessId', id, 'accessKeyId'], ['accessKey', key, 'accessKeySecret']] as const) {
    if (value === undefined) continue;
    if (isSchedulingParameter(value)) {
      t.note(p.field(field), 'ignored', 'a scheduling parameter ots2oss cannot fill; use the function role (STS) or environment credentials');
    } else if (connection[slot] === undefined) {
      connection[slot] = value;
      t.note(p.field(field), 'mapped', `connection.${slot}: ${CREDENTIALS_NOTE}`);
    } else if (connection[slot] !== value) {
      t.note(p.field(field), 'unsupported', 'differs from the reader\'s: ots2oss uses one identity for Tablestore and OSS; this one is not used');
    } else {
      t.note(p.field(field), 'mapped', `same as the reader's: ${CREDENTIALS_NOTE}`);
    }
  }
}
