// The emulator's own HTTP API (no signature: a local test hook), shaped like the Tablestore emulator's:
//   GET    /_emulator/faults                    -> {"rules":[...]}
//   POST   /_emulator/faults {"rules":[...]}    replaces the rules (see faults.ts) -> {"rules":[...]}
//   DELETE /_emulator/faults                    removes them all
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
  switch (x.req.method) {
    case 'GET':
      await json(x, 200, faults.state());
      return;
    case 'DELETE':
      faults.clear();
      await json(x, 200, faults.state());
      return;
    case 'POST': {
      let input: unknown;
      try {
        input = JSON.parse((await readSmallBody(x.req)).toString('utf8') || '{}');
      } catch {
        await json(x, 400, { error: `the body must be JSON such as ${EXAMPLE}` });
        return;
      }
      try {
        faults.configure(input);
      } catch (error) {
        await json(x, 400, { error: (error as Error).message });
        return;
      }
      await json(x, 200, faults.state());
      return;
    }
    default:
      await json(x, 405, { error: 'use GET, POST or DELETE' });
  }
}
