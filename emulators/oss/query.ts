// Query parameters as OSS reads them.
import { ossError } from './errors.ts';

/** Query string to a map; values are percent-decoded without treating "+" as a space, as OSS does. */
export function parseQuery(search: string): Map<string, string> {
  const query = new Map<string, string>();
  for (const pair of search.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const decode = (s: string) => {
      try {
        return decodeURIComponent(s);
      } catch {
        throw ossError('InvalidArgument', `The query parameter "${pair}" is not valid percent-encoding.`);
      }
    };
    const name = decode(eq < 0 ? pair : pair.slice(0, eq));
    if (!query.has(name)) query.set(name, eq < 0 ? '' : decode(pair.slice(eq + 1)));
  }
  return query;
}

/** An integer query parameter within [min, max], or `fallback` when absent; InvalidArgument otherwise. */
export function boundedInt(query: ReadonlyMap<string, string>, name: string, fallback: number, max: number, min = 0): number {
  const raw = query.get(name);
  if (raw === undefined || raw === '') return fallback;
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= min && n <= max)) {
    throw ossError('InvalidArgument', `${name} must be an integer from ${min} to ${max}.`, {
      ArgumentName: name,
      ArgumentValue: raw,
    });
  }
  return n;
}
