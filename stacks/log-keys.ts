// What SLS indexes of the exporter's log lines; the function-logs construct builds the index from it, and a
// runtime test checks the lines the handler writes against it.

export type LogKeyType = 'text' | 'long';

/** SLS's default token set; the provider sends an unset token as none, which SLS refuses for text. */
export const LOG_TOKENS = ', \'";=()[]{}?@&<>/:\n\t\r';

/**
 * The keys of the exporter's JSON log lines that are indexed: what every line carries, and the figures of
 * `run finished` (the run summary) and `cold start`. FC stores each stdout line in the `message` field, so
 * SLS reads them as `message.<key>`, e.g. `message.lagSeconds`.
 */
export const LOG_KEYS: Readonly<Record<string, LogKeyType>> = {
  time: 'text', level: 'text', message: 'text', requestId: 'text', job: 'text', window: 'text', shard: 'text',
  owner: 'text', ok: 'text', stoppedBecause: 'text', lastCompleteWindow: 'text', 'error.name': 'text', 'error.message': 'text', node: 'text',
  windows: 'long', records: 'long', rows: 'long', objects: 'long', bytes: 'long', retries: 'long', lagSeconds: 'long', durationMs: 'long', readyMs: 'long',
};
