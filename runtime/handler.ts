import { z } from 'zod';
import { jobSchema } from './config/job.ts';
import { ConfigError, parseOrThrow } from './config/validation.ts';
import { connectJob, endpointsFor } from './export/connect.ts';
import { runExport, type RunSummary } from './export/exporter.ts';
import { createRetrier, explainingFailures } from './export/retrier.ts';
import { explainTablestoreError, sourceTarget } from './tablestore/errors.ts';
import { zoneOf } from './core/time-zone.ts';
import { explicitRangeProblems } from './core/window.ts';
import { failIfShort, requestedWindows, reserveNote } from './explicit-run.ts';
import { createLogger } from './util/logger.ts';

// The Function Compute 3.0 entry point: configuration from the environment, credentials and the
// deadline from the context, the event from the timer trigger (or a manual invocation).

const contextSchema = z.object({
  requestId: z.string().optional(),
  region: z.string().optional(),
  credentials: z.object({
    accessKeyId: z.string().min(1),
    accessKeySecret: z.string().min(1),
    securityToken: z.string().optional(),
  }, { message: 'the function has no role credentials: give it a RAM role' }),
  function: z.object({ name: z.string().optional(), timeout: z.number().positive() }).partial({ name: true }),
});

const NOT_AN_OBJECT = 'must be a JSON object: {} (or a timer trigger) runs the due windows; {"date":"20261126"} or ' +
  '{"startTimestampMillis":...,"endTimestampMillis":...} exports those windows again';
const objectOnly = (issue: { code: string }) => (issue.code === 'invalid_type' ? NOT_AN_OBJECT : undefined);

/**
 * A timer event carries `payload`; a manual invocation may ask for explicit windows, a whole range or
 * none. The schema checks the shape; which fields go together is explicitRangeProblems' rule.
 */
const payloadSchema = z.strictObject({
  startTimestampMillis: z.number().int().optional(),
  endTimestampMillis: z.number().int().optional(),
  date: z.string().regex(/^\d{8}$/, 'date is yyyyMMdd').optional(),
  maxWindows: z.number().int().positive().optional(),
});

const eventSchema = z.object({
  triggerTime: z.string().optional(),
  triggerName: z.string().optional(),
  payload: z.string().optional(),
}, { error: objectOnly }).loose();

/** What a payload string holds: checked on its own, so "5" or "null" is not read as an empty request. */
const payloadObject = z.record(z.string(), z.unknown(), { error: objectOnly });

export type FcContext = z.input<typeof contextSchema>;

function parseEvent(event: unknown): z.output<typeof payloadSchema> {
  const text = Buffer.isBuffer(event) ? event.toString('utf8') : typeof event === 'string' ? event : JSON.stringify(event ?? {});
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('event: not JSON; invoke with {} or a timer trigger, or {"date":"20261126"} for one day');
  }
  const { payload, triggerName: _t, triggerTime: _tt, ...direct } = parseOrThrow(eventSchema, parsed, 'event');
  let fromPayload: Record<string, unknown> = {};
  if (payload && payload.trim() !== '') {
    let json: unknown;
    try {
      json = JSON.parse(payload);
    } catch {
      throw new Error('event.payload: not JSON; set the trigger payload to "{}" or leave it empty');
    }
    fromPayload = parseOrThrow(payloadObject, json, 'event.payload');
  }
  const request = parseOrThrow(payloadSchema, { ...direct, ...fromPayload }, 'event payload');
  const problems = explicitRangeProblems(request);
  if (problems.length) throw new ConfigError('event payload', problems);
  return request;
}

/** False until the first invocation of this instance, which logs what its cold start cost. */
let warm = false;

/** The function signs with its role's STS credentials; the stack's policy grants that role exactly the calls it makes. */
const FUNCTION_KEYS = {
  credentials: 'the function\'s role (its STS credentials)',
  grantHint: (permission: string) => `redeploy the stack, whose policy grants the function's role the calls it makes, or grant ${permission} on it to that role`,
};

export async function handler(event: unknown, context: FcContext): Promise<RunSummary> {
  const started = Date.now();
  const ctx = parseOrThrow(contextSchema, context, 'FC context');
  const raw = process.env.OTS2OSS_JOB;
  if (!raw) throw new Error('OTS2OSS_JOB is not set: the function needs its job configuration (the stack sets it)');
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new ConfigError('OTS2OSS_JOB', [`not JSON (${(error as Error).message}); redeploy the stack, which writes it`]);
  }
  const job = parseOrThrow(jobSchema, json, 'OTS2OSS_JOB');
  const request = parseEvent(event);
  const logger = createLogger({ level: process.env.OTS2OSS_LOG_LEVEL === 'debug' ? 'debug' : 'info' }, { requestId: ctx.requestId });
  if (!warm) {
    warm = true;
    // performance.now() counts from process start: the instance's load time, and the Node release (for the code cache).
    logger.info('cold start', { node: process.version, readyMs: Math.round(performance.now() - (Date.now() - started)) });
  }
  const deadline = started + ctx.function.timeout * 1000;
  const endpoints = endpointsFor(job, ctx.region ?? process.env.ALIBABA_CLOUD_REGION);
  // A failure no retry fixes is told in the job's terms, in the run's summary and the job's lastError.
  const retry = explainingFailures(createRetrier({ maxRetries: job.reader.maxRetries, logger, deadline }), (error) =>
    explainTablestoreError(error, sourceTarget(job.source, endpoints.tablestore, FUNCTION_KEYS)));
  const adapters = connectJob(job, endpoints, ctx.credentials, retry, logger);
  const explicit = requestedWindows(request, job.window.sizeMinutes, zoneOf(job.sink.timeZone));
  const ran = await runExport({ job, ...adapters, logger, deadline, retry, windows: explicit, maxWindows: request.maxWindows, owner: ctx.requestId });
  const summary = explicit
    ? failIfShort(ran, explicit.slice(0, request.maxWindows), job, `${reserveNote('the function\'s timeout of', ctx.function.timeout)}; ask for fewer windows (maxWindows) or raise function.timeoutSeconds`)
    : ran;
  if (!summary.ok) throw new Error(`${summary.error?.name}: ${summary.error?.message}`);
  return summary;
}
