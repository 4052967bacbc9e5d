// The emulator's own HTTP API (no signature: a local test hook), shaped like the Tablestore emulator's:
//   GET    /_emulator/faults                    -> {"rules":[...]}
//   POST   /_emulator/faults {"rules":[...]}    replaces the rules (see faults.ts) -> {"rules":[...]}
//   DELETE /_emulator/faults                    removes them all
import { answerFaultsAdmin } from '../faults.ts';
import type { OssFaults } from './faults.ts';
import { send, type Exchange } from './http.ts';
import { readSmallBody } from './ingest.ts';

const EXAMPLE = '{"rules":[{"operation":"PutObject","errorRate":1,"code":"ServiceUnavailable","count":2}]}';

function json(x: Exchange, status: number, value: unknown): Promise<void> {
  return send(x, status, { 'Content-Type': 'application/json' }, JSON.stringify(value));
}

export async function handleControl(x: Exchange, path: string, faults: OssFaults): Promise<void> {
  if (path !== 'faults') {
    await json(x, 404, { error: `unknown emulator path /_emulator/${path}; use /_emulator/faults` });
    return;
  }
  const answer = await answerFaultsAdmin(faults, x.req.method, () => readSmallBody(x.req), {
    example: EXAMPLE,
    refused: (error) => ({ error: (error as Error).message }),
  });
  await json(x, answer.status, answer.body);
}
