/**
 * `npm run emulator -- --port 8787 --token demo-token [--rate 5] [--faults <spec>] …`
 * Prints `Emulator listening on <base URL>` as the first line of stdout (tests read it).
 * See emulator/README.md for every flag.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { BehaviourFlags } from './config';
import { parseFaults } from './faults';
import { startEmulator, type SeedKind } from './server';
import { Workspace } from './workspace';

const USAGE = `Usage: npm run emulator -- [options]
  --port <n>                 port on 127.0.0.1 (default 8787; 0 picks a free one)
  --token <t>                accepted bearer token (repeatable; default demo-token)
  --base-path <p>            version segment (default /v2)
  --rate <n>                 requests a second per endpoint (default: no limit)
  --faults <spec>            e.g. 500:0.05,429:0.02,drop-after:0.01,latency:20,seq:429-500-503,lag:2000
  --seed demo|empty          starting workspace (default demo)
  --data <file.json>         load the workspace from this file instead of the seed
  --save <file.json>         write the workspace here on exit (and on POST /__admin/save)
  --email-case insensitive|sensitive            (default insensitive)
  --create-existing 409|duplicate               (default 409)
  --create-or-update-id yes|no                  (default yes)
  --tag-id yes|no                               tag calls answer with the contact's id (default yes)
  --empty-string clear|reject                   (default clear)
  --custom-field-name name-or-slug|slug         (default name-or-slug)
  --or-limit <n>             most conditions in one list filter (default 50)
  --create-or-update-overwrite yes|no           (default yes)
  --match-body yes|no                           (default no)
  --allowed-values array|list-values|absent     (default array)
  --unknown-field-type yes|no                   (default no)`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function choice<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    fail(`--${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

function number(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) fail(`--${name} must be a number ≥ 0`);
  return n;
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        port: { type: 'string' },
        token: { type: 'string', multiple: true },
        'base-path': { type: 'string' },
        rate: { type: 'string' },
        faults: { type: 'string' },
        seed: { type: 'string' },
        data: { type: 'string' },
        save: { type: 'string' },
        'email-case': { type: 'string' },
        'create-existing': { type: 'string' },
        'create-or-update-id': { type: 'string' },
        'tag-id': { type: 'string' },
        'empty-string': { type: 'string' },
        'custom-field-name': { type: 'string' },
        'or-limit': { type: 'string' },
        'create-or-update-overwrite': { type: 'string' },
        'match-body': { type: 'string' },
        'allowed-values': { type: 'string' },
        'unknown-field-type': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    });
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e));
  }
  const v = parsed.values;
  if (v.help) {
    console.log(USAGE);
    return;
  }
  if (v.faults !== undefined) {
    const faults = parseFaults(v.faults);
    if (!faults.ok) fail(faults.message);
  }

  const flags: Partial<BehaviourFlags> = {};
  const emailCase = choice('email-case', v['email-case'], ['insensitive', 'sensitive'] as const);
  if (emailCase) flags.emailCaseInsensitive = emailCase === 'insensitive';
  const createExisting = choice('create-existing', v['create-existing'], [
    '409',
    'duplicate',
  ] as const);
  if (createExisting) flags.createExisting = createExisting === '409' ? 'conflict' : 'duplicate';
  const returnsId = choice('create-or-update-id', v['create-or-update-id'], ['yes', 'no'] as const);
  if (returnsId) flags.createOrUpdateReturnsId = returnsId === 'yes';
  const tagId = choice('tag-id', v['tag-id'], ['yes', 'no'] as const);
  if (tagId) flags.tagReturnsId = tagId === 'yes';
  const empty = choice('empty-string', v['empty-string'], ['clear', 'reject'] as const);
  if (empty) flags.emptyString = empty;
  const fieldName = choice('custom-field-name', v['custom-field-name'], [
    'name-or-slug',
    'slug',
  ] as const);
  if (fieldName) flags.customFieldName = fieldName === 'slug' ? 'slug-only' : 'name-or-slug';
  const overwrite = choice('create-or-update-overwrite', v['create-or-update-overwrite'], [
    'yes',
    'no',
  ] as const);
  if (overwrite) flags.createOrUpdateOverwrite = overwrite === 'yes';
  const matchBody = choice('match-body', v['match-body'], ['yes', 'no'] as const);
  if (matchBody) flags.matchBody = matchBody === 'yes';
  const allowed = choice('allowed-values', v['allowed-values'], [
    'array',
    'list-values',
    'absent',
  ] as const);
  if (allowed) flags.allowedValues = allowed === 'list-values' ? 'listValues' : allowed;
  const unknownType = choice('unknown-field-type', v['unknown-field-type'], ['yes', 'no'] as const);
  if (unknownType) flags.unknownFieldType = unknownType === 'yes';
  const orLimit = number('or-limit', v['or-limit']);
  if (orLimit !== undefined) flags.orLimit = Math.max(1, Math.floor(orLimit));

  const seed = choice<SeedKind>('seed', v.seed, ['demo', 'empty']) ?? 'demo';
  let data;
  if (v.data !== undefined) {
    if (!existsSync(v.data)) fail(`--data: no such file ${v.data}`);
    const loaded = new Workspace();
    try {
      loaded.loadFile(v.data);
    } catch (e) {
      fail(
        `--data: ${v.data} is not a workspace file (${e instanceof Error ? e.message : String(e)})`,
      );
    }
    data = loaded.snapshot();
  }

  const emulator = await startEmulator({
    port: number('port', v.port) ?? 8787,
    tokens: v.token,
    basePath: v['base-path'],
    rate: number('rate', v.rate) ?? null,
    faults: v.faults,
    flags,
    seed,
    data,
    saveFile: v.save,
  });
  console.log(`Emulator listening on ${emulator.baseUrl}`);
  console.log(
    `  ${emulator.workspace.size} contacts; rate ${emulator.config().rate ?? 'unlimited'}/s per endpoint; admin at ${emulator.origin}/__admin/`,
  );

  const save = v.save;
  const stop = (): void => {
    if (save !== undefined) emulator.workspace.saveFile(save);
    void emulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
