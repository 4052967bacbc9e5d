// The emulator's own HTTP API under /_emulator (no signature: it is a local test hook).
//   POST   /_emulator/faults      body: one fault or an array of faults (see faults.ts) -> the installed faults
//   GET    /_emulator/faults      -> the active faults
//   DELETE /_emulator/faults      -> removes all;  DELETE /_emulator/faults/<id> removes one
import type { Faults } from './faults.ts';
import { send, type Exchange } from './http.ts';
import { readSmallBody } from './ingest.ts';

function json(x: Exchange, status: number, value: unknown): Promise<void> {
  return send(x, status, { 'Content-Type': 'application/json' }, JSON.stringify(value));
}

export async function handleControl(x: Exchange, path: string, faults: Faults): Promise<void> {
  const method = x.req.method ?? 'GET';
  const [resource, id] = path.split('/');
  if (resource !== 'faults') {
    await json(x, 404, { error: `unknown emulator resource "/_emulator/${path}"; try /_emulator/faults` });
    return;
  }
  if (method === 'GET' && id === undefined) {
    await json(x, 200, faults.list());
    return;
  }
  if (method === 'DELETE') {
    if (id === undefined || id === '') faults.clear();
    else if (!faults.remove(id)) {
      await json(x, 404, { error: `no fault with id "${id}"` });
      return;
    }
    await json(x, 200, faults.list());
    return;
  }
  if (method === 'POST' && id === undefined) {
    let input: unknown;
    try {
      input = JSON.parse((await readSmallBody(x.req)).toString('utf8'));
    } catch (error) {
      await json(x, 400, { error: `the body must be JSON: ${(error as Error).message}` });
      return;
    }
    const inputs = Array.isArray(input) ? input : [input];
    try {
      const valid = inputs.map((f) => faults.parse(f)); // all or none
      const added = valid.map((f) => faults.add(f));
      await json(x, 200, added);
    } catch (error) {
      await json(x, 400, { error: (error as Error).message });
    }
    return;
  }
  await json(x, 405, { error: `${method} is not supported on /_emulator/${path}` });
}
