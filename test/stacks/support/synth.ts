import { Testing } from 'cdktf';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addEnvironmentStacks } from '../../../stacks/app.ts';
import { bundleFunction, type FunctionBundle } from '../../../stacks/bundle.ts';
import type { Environment } from '../../../stacks/config.ts';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const fixtureEntry = join(projectRoot, 'test', 'stacks', 'fixtures', 'handler.ts');

/** A synthesized stack: its cdk.tf.json, parsed, and the directory it was written to. */
export interface Synthesized {
  doc: TfDoc;
  dir: string;
}

export type TfBlock = Record<string, unknown>;
export interface TfDoc {
  resource?: Record<string, Record<string, TfBlock>>;
  data?: Record<string, Record<string, TfBlock>>;
  provider?: Record<string, TfBlock[]>;
  output?: Record<string, { value: unknown }>;
  terraform?: { backend?: Record<string, TfBlock>; required_providers?: Record<string, TfBlock> };
}

/** Bundles the fixture entry once and synthesizes every stack of the environments with cdktf's Testing helpers. */
export async function synthEnvironments(envs: Environment[]): Promise<{ stacks: Map<string, Synthesized>; bundle: FunctionBundle; cleanup: () => void }> {
  const work = mkdtempSync(join(tmpdir(), 'ots2oss-stacks-test-'));
  const bundle = await bundleFunction({ entry: fixtureEntry, outDir: work });
  const app = Testing.app();
  const stacks = new Map<string, Synthesized>();
  const dirs = [work];
  for (const stack of addEnvironmentStacks(app, envs, bundle, projectRoot)) {
    const out = Testing.fullSynth(stack);
    dirs.push(out);
    const dir = join(out, 'stacks', stack.node.id);
    stacks.set(stack.node.id, { doc: JSON.parse(readFileSync(join(dir, 'cdk.tf.json'), 'utf8')) as TfDoc, dir });
  }
  return { stacks, bundle, cleanup: () => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })) };
}

/** All resources of a type, metadata removed. */
export function resources(doc: TfDoc, type: string): TfBlock[] {
  return Object.values(doc.resource?.[type] ?? {}).map(({ '//': _meta, ...rest }) => rest);
}

/** The single resource of a type matching the predicate; fails loudly if there is not exactly one. */
export function only(doc: TfDoc, type: string, match: (r: TfBlock) => boolean = () => true): TfBlock {
  const found = resources(doc, type).filter(match);
  if (found.length !== 1) throw new Error(`expected exactly one ${type} matching, found ${found.length}`);
  return found[0] as TfBlock;
}

/** Terraform JSON allows a max-1 block as an object or a one-element array; tests read both the same. */
export function block(value: unknown): TfBlock {
  const one = Array.isArray(value) ? value[0] : value;
  if (!one || typeof one !== 'object') throw new Error(`expected a block, got ${JSON.stringify(value)}`);
  return one as TfBlock;
}
