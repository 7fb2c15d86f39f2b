/**
 * The contact-API emulator: a real HTTP server on loopback that answers like the platform
 * (paths, shapes, status codes, `{"code","message"}` error bodies, rate-limit headers), with
 * switches for the open points and injectable faults. See emulator/README.md.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_FLAGS, type BehaviourFlags } from './config';
import type { HttpResult } from '../src/api/http';
import { FaultPlan, noFaults, parseFaults, type FaultKind, type FaultSpec } from './faults';
import { compileFilter } from './filter';
import { seededRandom } from './prng';
import { RateLimiter } from './rateLimit';
import { demoWorkspace, emptyWorkspace } from './seed';
import { validateFields, validateTags, type FieldChanges } from './validate';
import {
  parseApiIdentifier,
  Workspace,
  type FieldDef,
  type ApiIdentifier,
  type StoredContact,
  type WorkspaceData,
} from './workspace';

type WritableId = Exclude<ApiIdentifier, { type: 'id' }>;

export type SeedKind = 'demo' | 'empty';

/** The field `--unknown-field-type yes` adds (its id after any seeded field's). */
const UNKNOWN_FIELD: FieldDef = {
  id: 9_999,
  name: 'Interests',
  slug: 'interests',
  description: null,
  dataType: 'multi_select',
  allowedValues: null,
};

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Accepted bearer tokens, all of one organisation (they share the rate limit). */
  tokens?: string[];
  /** The version segment, `/v2` by default. */
  basePath?: string;
  /** Requests a second per endpoint; null or 0 = no limit (and no rate-limit headers). */
  rate?: number | null;
  /** A fault spec string (see faults.ts) or a parsed spec. */
  faults?: string | FaultSpec;
  flags?: Partial<BehaviourFlags>;
  /** Workspace to start from when `data` is not given (default demo). */
  seed?: SeedKind;
  data?: WorkspaceData;
  /** Where `POST /__admin/save` writes the workspace. */
  saveFile?: string;
  /** Clock, ms. */
  now?: () => number;
}

export interface EmulatorConfig {
  rate: number | null;
  faults: FaultSpec;
  flags: BehaviourFlags;
}

/** What `POST /__admin/config` and `configure()` take: any subset. */
export interface ConfigPatch {
  rate?: number | null;
  faults?: string | FaultSpec;
  flags?: Partial<BehaviourFlags>;
}

export interface EmulatorStats {
  /** API requests by endpoint key (`PUT /contact/{id}`), whatever their answer. */
  requests: Record<string, number>;
  /** Answers by status, injected ones included; dropped connections under "dropped". */
  statuses: Record<string, number>;
  /** 429 answers from the rate limiter (not injected ones). */
  rateLimited: number;
  /** Those 429 answers by endpoint key: requests refused, so nothing was written. */
  rateLimitedBy: Record<string, number>;
  /** Faults injected, by kind. */
  injected: Record<string, number>;
  /** Writes applied (create, update, create_or_update, tags), dropped answers included. */
  writes: number;
}

export interface EmulatorHandle {
  /** e.g. `http://127.0.0.1:8787/v2` */
  baseUrl: string;
  origin: string;
  port: number;
  workspace: Workspace;
  stats(): EmulatorStats;
  resetStats(): void;
  config(): EmulatorConfig;
  configure(patch: ConfigPatch): void;
  /** Replaces the workspace with `data`, or with the seed when omitted. */
  reset(data?: WorkspaceData): void;
  /** One request answered in process, without a socket (see `exchange` below). */
  exchange(request: {
    method: string;
    url: string;
    headers: Record<string, string>;
    body?: string;
  }): HttpResult;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const ADDED = { code: '200', message: 'Contact added successfully!' };

export async function startEmulator(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
  const now = options.now ?? Date.now;
  const tokens = new Set(
    options.tokens && options.tokens.length > 0 ? options.tokens : ['demo-token'],
  );
  const basePath = normaliseBasePath(options.basePath ?? '/v2');
  const seed = options.seed ?? 'demo';
  const seedData = (): WorkspaceData => (seed === 'demo' ? demoWorkspace() : emptyWorkspace());
  const workspace = new Workspace(options.data ?? seedData());

  const config: EmulatorConfig = {
    rate: positiveOrNull(options.rate),
    faults: toSpec(options.faults),
    flags: { ...DEFAULT_FLAGS, ...options.flags },
  };
  let limiter = config.rate === null ? null : new RateLimiter(config.rate);
  let faults = new FaultPlan(config.faults, seededRandom(config.faults.seed));
  let stats = emptyStats();
  let origin = '';
  syncUnknownField();

  /**
   * `--unknown-field-type yes`: the workspace holds a field of a type no client knows. It is
   * a field like any other (listed, written, read back on contacts), so a client that sends
   * its values as text has them kept; a field only listed would refuse every write to it.
   */
  function syncUnknownField(): void {
    const present = workspace.fields.some((f) => f.id === UNKNOWN_FIELD.id);
    if (config.flags.unknownFieldType && !present) workspace.fields.push({ ...UNKNOWN_FIELD });
    if (!config.flags.unknownFieldType && present) {
      workspace.fields = workspace.fields.filter((f) => f.id !== UNKNOWN_FIELD.id);
    }
  }

  function configure(patch: ConfigPatch): void {
    if ('rate' in patch) {
      config.rate = positiveOrNull(patch.rate);
      limiter = config.rate === null ? null : new RateLimiter(config.rate);
    }
    if (patch.faults !== undefined) {
      config.faults = toSpec(patch.faults);
      faults = new FaultPlan(config.faults, seededRandom(config.faults.seed));
    }
    if (patch.flags !== undefined) config.flags = { ...config.flags, ...patch.flags };
    syncUnknownField();
  }

  function reset(data?: WorkspaceData): void {
    workspace.load(data ?? seedData());
    syncUnknownField();
    stats = emptyStats();
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      handle(req, res, body).catch((error: unknown) => {
        send(res, {
          status: 500,
          body: { code: 500, message: `Emulator error: ${String(error)}` },
        });
      });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const route = routeOf(method, url, body);
    if (route.kind === 'answer') return send(res, route.answer);
    const latency = faults.latency();
    if (latency > 0) await sleep(latency);
    const result = serve(route, req.headers.authorization ?? '', body);
    if (result === null) {
      res.socket?.destroy();
      return;
    }
    send(res, result);
  }

  type Routed =
    | { kind: 'answer'; answer: Answer }
    | { kind: 'api'; route: Route; query: Record<string, string> };

  /** Admin requests are answered here; API requests are matched to their route and counted. */
  function routeOf(method: string, url: string, body: string): Routed {
    const [rawPath = '', rawQuery = ''] = url.split('?', 2);
    if (rawPath.startsWith('/__admin/'))
      return { kind: 'answer', answer: admin(method, rawPath, body) };
    const route = rawPath.startsWith(`${basePath}/`)
      ? matchRoute(method, rawPath.slice(basePath.length))
      : null;
    if (route === null) {
      return {
        kind: 'answer',
        answer: { status: 404, body: { code: 404, message: `Cannot ${method} ${rawPath}` } },
      };
    }
    stats.requests[route.endpoint] = (stats.requests[route.endpoint] ?? 0) + 1;
    return { kind: 'api', route, query: parseQuery(rawQuery) };
  }

  /** An API request's answer after auth, rate limit and faults; null: the connection drops. */
  function serve(
    routed: Extract<Routed, { kind: 'api' }>,
    auth: string,
    body: string,
  ): Answer | null {
    const { route, query } = routed;
    const endpoint = route.endpoint;
    const token = /^Bearer\s+(.+)$/i.exec(auth)?.[1]?.trim();
    if (token === undefined || !tokens.has(token)) {
      return counted({
        status: 401,
        body: { code: 401, message: 'Unauthorized: invalid or missing API token' },
      });
    }

    const rateHeaders: Record<string, string> = {};
    if (limiter !== null) {
      const verdict = limiter.take(endpoint, now());
      rateHeaders['X-RateLimit-Limit'] = String(verdict.limit);
      rateHeaders['X-RateLimit-Remaining'] = String(verdict.remaining);
      if (!verdict.allowed) {
        stats.rateLimited++;
        stats.rateLimitedBy[endpoint] = (stats.rateLimitedBy[endpoint] ?? 0) + 1;
        return counted({
          status: 429,
          body: { code: 429, message: 'Too many requests, please try again later.' },
          headers: { ...rateHeaders, 'Retry-After': String(verdict.retryAfterSeconds) },
        });
      }
    }

    const fault = faults.next();
    if (fault !== null) {
      stats.injected[String(fault)] = (stats.injected[String(fault)] ?? 0) + 1;
      if (fault === 'drop-before') return dropped();
      if (fault !== 'drop-after') return counted(injected(fault, rateHeaders));
    }

    const result = route.run(body, query);
    if (fault === 'drop-after') return dropped();
    return counted({ ...result, headers: { ...rateHeaders, ...result.headers } });
  }

  /**
   * The answer to one request without a socket, for tests that run the job and the emulator
   * in one process on a simulated clock: the same routes, auth, rate limit and faults as over
   * HTTP, but no latency (a simulated clock has no use for it). A dropped connection is a
   * NetworkFailure, as the Node transport reports it. Synchronous: the write (if any) has
   * landed when it returns.
   */
  function exchange(request: {
    method: string;
    url: string;
    headers: Record<string, string>;
    body?: string;
  }): HttpResult {
    const url = request.url.startsWith(origin) ? request.url.slice(origin.length) : request.url;
    const body = request.body ?? '';
    const route = routeOf(request.method, url, body);
    const auth =
      Object.entries(request.headers).find(([k]) => k.toLowerCase() === 'authorization')?.[1] ?? '';
    const result = route.kind === 'answer' ? route.answer : serve(route, auth, body);
    if (result === null) return { status: 0, error: 'the connection closed without an answer' };
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    for (const [key, value] of Object.entries(result.headers ?? {}))
      headers[key.toLowerCase()] = value;
    return { status: result.status, headers, body: JSON.stringify(result.body) };
  }

  function injected(
    fault: Exclude<FaultKind, 'drop-before' | 'drop-after'>,
    headers: Record<string, string>,
  ): Answer {
    switch (fault) {
      case 429:
        return {
          status: 429,
          body: { code: 429, message: 'Too many requests, please try again later.' },
          headers: { ...headers, 'Retry-After': String(config.faults.retryAfterSeconds) },
        };
      case 449:
        return {
          status: 449,
          // The documented text (CONTACT_API.md, errors: "in queue, try again in a few minutes").
          body: {
            code: 449,
            message: 'Your request is currently in queue, please try again in a few minutes.',
          },
          headers,
        };
      case 500:
        return { status: 500, body: { code: 500, message: 'Internal server error' }, headers };
      case 503:
        return { status: 503, body: { code: 503, message: 'Service unavailable' }, headers };
    }
  }

  function counted(result: Answer): Answer {
    const key = String(result.status);
    stats.statuses[key] = (stats.statuses[key] ?? 0) + 1;
    return result;
  }

  function dropped(): null {
    stats.statuses.dropped = (stats.statuses.dropped ?? 0) + 1;
    return null;
  }

  // ---------------------------------------------------------------------------- routes

  interface Route {
    endpoint: string;
    run: (body: string, query: Record<string, string>) => Answer;
  }

  function matchRoute(method: string, path: string): Route | null {
    const parts = path.split('/').slice(1);
    const [first, second, third, fourth] = parts;
    if (first === 'space' && second === 'custom_field' && parts.length === 2 && method === 'GET') {
      return { endpoint: 'GET /space/custom_field', run: (_b, q) => listCustomFields(q) };
    }
    if (first !== 'contact' || second === undefined || second === '') return null;
    if (second === 'list' && parts.length === 2 && method === 'POST') {
      return { endpoint: 'POST /contact/list', run: (b, q) => listContacts(b, q) };
    }
    if (
      second === 'create_or_update' &&
      third !== undefined &&
      parts.length === 3 &&
      method === 'POST'
    ) {
      return {
        endpoint: 'POST /contact/create_or_update/{id}',
        run: (b) => withIdentifier(third, (id) => createOrUpdate(id, b)),
      };
    }
    if (parts.length === 2) {
      if (method === 'GET')
        return { endpoint: 'GET /contact/{id}', run: () => withIdentifier(second, getContact) };
      if (method === 'POST')
        return {
          endpoint: 'POST /contact/{id}',
          run: (b) => withIdentifier(second, (id) => create(id, b)),
        };
      if (method === 'PUT')
        return {
          endpoint: 'PUT /contact/{id}',
          run: (b) => withIdentifier(second, (id) => update(id, b)),
        };
    }
    if (parts.length === 3 && third === 'tag' && fourth === undefined) {
      if (method === 'POST')
        return {
          endpoint: 'POST /contact/{id}/tag',
          run: (b) => withIdentifier(second, (id) => tags(id, b, 'add')),
        };
      if (method === 'DELETE')
        return {
          endpoint: 'DELETE /contact/{id}/tag',
          run: (b) => withIdentifier(second, (id) => tags(id, b, 'remove')),
        };
    }
    return null;
  }

  function withIdentifier(segment: string, run: (identifier: ApiIdentifier) => Answer): Answer {
    const identifier = parseApiIdentifier(segment);
    if (identifier === null) {
      return error(
        400,
        `Invalid contact identifier "${segment}": use id:<number>, email:<address> or phone:<E.164 number>.`,
      );
    }
    return run(identifier);
  }

  function getContact(identifier: ApiIdentifier): Answer {
    const contact = workspace.findAll(identifier, config.flags)[0];
    return contact === undefined ? notFound() : { status: 200, body: workspace.toJson(contact) };
  }

  function create(identifier: ApiIdentifier, body: string): Answer {
    if (identifier.type === 'id')
      return error(400, 'A contact can be created only with an email: or phone: identifier.');
    const parsed = parseBody(body);
    if (!parsed.ok) return parsed.answer;
    const validated = validateFields(parsed.json, workspace.fields, config.flags, {
      creating: true,
    });
    if (!validated.ok) return error(400, validated.message);
    const existing = workspace.findAll(identifier, config.flags);
    if (existing.length === 0 && config.flags.matchBody) {
      const byBody = findForCreateOrUpdate(identifier, parsed.json);
      if (byBody !== undefined) existing.push(byBody);
    }
    if (existing.length > 0 && config.flags.createExisting === 'conflict') {
      return error(409, 'Contact already exists.');
    }
    workspace.create(validated.changes, identifier, now());
    stats.writes++;
    return { status: 200, body: ADDED };
  }

  function update(identifier: ApiIdentifier, body: string): Answer {
    const parsed = parseBody(body);
    if (!parsed.ok) return parsed.answer;
    const contact = workspace.findAll(identifier, config.flags)[0];
    if (contact === undefined) return notFound();
    const validated = validateFields(parsed.json, workspace.fields, config.flags, {
      creating: false,
    });
    if (!validated.ok) return error(400, validated.message);
    workspace.apply(contact, validated.changes);
    stats.writes++;
    return { status: 200, body: { contactId: contact.id } };
  }

  function createOrUpdate(identifier: ApiIdentifier, body: string): Answer {
    const parsed = parseBody(body);
    if (!parsed.ok) return parsed.answer;
    const existing = findForCreateOrUpdate(identifier, parsed.json);
    // `id:` names an existing contact (the SDK types create_or_update's identifier as any
    // ContactIdentifier, id: included; respond-io/typescript-sdk src/clients/contact.ts);
    // there is nothing to create from an id alone.
    if (identifier.type === 'id' && existing === undefined) return notFound();
    const validated = validateFields(parsed.json, workspace.fields, config.flags, {
      creating: existing === undefined,
    });
    if (!validated.ok) return error(400, validated.message);
    const contact =
      existing ?? workspace.create(validated.changes, identifier as WritableId, now());
    if (existing !== undefined) workspace.apply(existing, keepNames(existing, validated.changes));
    stats.writes++;
    return config.flags.createOrUpdateReturnsId
      ? { status: 200, body: { contactId: contact.id } }
      : { status: 200, body: { code: '200', message: 'Contact saved successfully!' } };
  }

  /** The contact a create or create_or_update names: the path's identifier, then (flag) the body's. */
  function findForCreateOrUpdate(identifier: ApiIdentifier, json: unknown) {
    const byPath = workspace.findAll(identifier, config.flags)[0];
    if (byPath !== undefined || !config.flags.matchBody) return byPath;
    const record = (typeof json === 'object' && json !== null ? json : {}) as Record<
      string,
      unknown
    >;
    for (const key of ['phone', 'email'] as const) {
      const value = record[key];
      if (typeof value !== 'string' || value === '') continue;
      const found = workspace.findAll({ type: key, value }, config.flags)[0];
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /** Without overwrite, a non-empty name or email survives create_or_update. */
  function keepNames(contact: StoredContact, changes: FieldChanges): FieldChanges {
    if (config.flags.createOrUpdateOverwrite) return changes;
    const standard = { ...changes.standard };
    for (const key of ['firstName', 'lastName', 'email'] as const) {
      const current = contact[key];
      if (current !== null && current !== '') delete standard[key];
    }
    return { ...changes, standard };
  }

  function tags(identifier: ApiIdentifier, body: string, action: 'add' | 'remove'): Answer {
    const parsed = parseBody(body);
    if (!parsed.ok) return parsed.answer;
    const validated = validateTags(parsed.json);
    if (!validated.ok) return error(400, validated.message);
    const contact = workspace.findAll(identifier, config.flags)[0];
    if (contact === undefined) return notFound();
    if (action === 'add') {
      for (const tag of validated.tags) if (!contact.tags.includes(tag)) contact.tags.push(tag);
    } else {
      contact.tags = contact.tags.filter((tag) => !validated.tags.includes(tag));
    }
    stats.writes++;
    return config.flags.tagReturnsId
      ? { status: 200, body: { contactId: contact.id } }
      : { status: 200, body: { code: '200', message: 'Tags updated successfully!' } };
  }

  function listContacts(body: string, query: Record<string, string>): Answer {
    const page = pageParams(query);
    if (!page.ok) return page.answer;
    const parsed = parseBody(body === '' ? '{}' : body);
    if (!parsed.ok) return parsed.answer;
    const request = (parsed.json ?? {}) as { search?: unknown; filter?: unknown };
    if (typeof request !== 'object' || Array.isArray(request))
      return error(400, 'The request body must be a JSON object.');
    const compiled = compileFilter(request.filter, workspace.fields, config.flags);
    if (!compiled.ok) return error(400, compiled.message);
    const search = typeof request.search === 'string' ? request.search.trim().toLowerCase() : '';
    const matching = workspace
      .listed(now(), config.faults.lagMs)
      .filter((c) => page.cursor === null || c.id < page.cursor)
      .filter(compiled.predicate)
      .filter((c) =>
        search === ''
          ? true
          : [c.firstName, c.lastName, c.email, c.phone].some((v) =>
              v?.toLowerCase().includes(search),
            ),
      );
    const items = matching.slice(0, page.limit);
    const last = items[items.length - 1];
    const more = matching.length > page.limit && last !== undefined;
    return {
      status: 200,
      body: {
        items: items.map((c) => workspace.toJson(c)),
        pagination: {
          next: more
            ? `${origin}${basePath}/contact/list?limit=${page.limit}&cursorId=${last.id}`
            : '',
          previous: '',
        },
      },
    };
  }

  function listCustomFields(query: Record<string, string>): Answer {
    const page = pageParams(query);
    if (!page.ok) return page.answer;
    const after = workspace.fields.filter((f) => page.cursor === null || f.id > page.cursor);
    const items = after.slice(0, page.limit);
    const last = items[items.length - 1];
    const more = after.length > page.limit && last !== undefined;
    const shaped = items.map((field) => {
      if (config.flags.allowedValues === 'array') return field;
      const { allowedValues, ...rest } = field as typeof field & { allowedValues?: unknown };
      return config.flags.allowedValues === 'listValues'
        ? { ...rest, allowedValues: { listValues: allowedValues ?? [] } }
        : rest;
    });
    return {
      status: 200,
      body: {
        items: shaped,
        pagination: {
          next: more
            ? `${origin}${basePath}/space/custom_field?limit=${page.limit}&cursorId=${last.id}`
            : '',
          previous: '',
        },
      },
    };
  }

  // ---------------------------------------------------------------------------- admin

  function admin(method: string, path: string, body: string): Answer {
    if (method === 'POST' && path === '/__admin/reset') {
      if (body.trim() === '') {
        reset();
        return { status: 200, body: { ok: true, contacts: workspace.size } };
      }
      const parsed = parseBody(body);
      if (!parsed.ok) return parsed.answer;
      try {
        reset(parsed.json as WorkspaceData);
      } catch (e) {
        return error(400, `Not a workspace: ${e instanceof Error ? e.message : String(e)}`);
      }
      return { status: 200, body: { ok: true, contacts: workspace.size } };
    }
    if (method === 'GET' && path === '/__admin/contacts')
      return { status: 200, body: workspace.allContacts() };
    if (method === 'GET' && path === '/__admin/workspace')
      return { status: 200, body: workspace.snapshot() };
    if (method === 'GET' && path === '/__admin/stats') return { status: 200, body: stats };
    if (method === 'POST' && path === '/__admin/stats/reset') {
      stats = emptyStats();
      return { status: 200, body: stats };
    }
    if (method === 'POST' && path === '/__admin/save') {
      if (options.saveFile === undefined)
        return error(400, 'Start the emulator with --save <file> to save.');
      workspace.saveFile(options.saveFile);
      return { status: 200, body: { ok: true, file: options.saveFile, contacts: workspace.size } };
    }
    if (method === 'GET' && path === '/__admin/config') return { status: 200, body: config };
    if (method === 'POST' && path === '/__admin/config') {
      const parsed = parseBody(body);
      if (!parsed.ok) return parsed.answer;
      try {
        configure((parsed.json ?? {}) as ConfigPatch);
      } catch (e) {
        return error(400, e instanceof Error ? e.message : String(e));
      }
      return { status: 200, body: config };
    }
    return error(404, `No admin endpoint ${method} ${path}`);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Idle keep-alive connections stay open until the client drops them. With Node's 5 s
    // server timeout, a client on a busy machine (its own 4 s timer firing late) reused a
    // socket the server had just closed: "SocketError: other side closed" in tests.
    server.keepAliveTimeout = 0;
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  return {
    baseUrl: `${origin}${basePath}`,
    origin,
    port,
    workspace,
    stats: () => structuredClone(stats),
    resetStats: () => {
      stats = emptyStats();
    },
    config: () => structuredClone(config),
    configure,
    reset,
    exchange,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// ------------------------------------------------------------------------------ helpers

function send(res: ServerResponse, result: Answer): void {
  if (res.writableEnded || res.destroyed) return;
  const text = JSON.stringify(result.body);
  res.writeHead(result.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    ...result.headers,
  });
  res.end(text);
}

function error(status: number, message: string): Answer {
  return { status, body: { code: status, message } };
}

function notFound(): Answer {
  return error(404, 'Contact not found.');
}

function parseBody(body: string): { ok: true; json: unknown } | { ok: false; answer: Answer } {
  if (body.trim() === '') return { ok: true, json: null };
  try {
    return { ok: true, json: JSON.parse(body) as unknown };
  } catch {
    return { ok: false, answer: error(400, 'The request body is not valid JSON.') };
  }
}

function parseQuery(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const [key = '', value = ''] = part.split('=', 2);
    try {
      out[decodeURIComponent(key)] = decodeURIComponent(value.replace(/\+/g, ' '));
    } catch {
      out[key] = value;
    }
  }
  return out;
}

function pageParams(
  query: Record<string, string>,
): { ok: true; limit: number; cursor: number | null } | { ok: false; answer: Answer } {
  const limitText = query.limit ?? '10';
  const limit = Number(limitText);
  if (!/^\d+$/.test(limitText) || limit < 1 || limit > 100) {
    return { ok: false, answer: error(400, 'limit must be a whole number from 1 to 100.') };
  }
  const cursorText = query.cursorId;
  if (cursorText === undefined || cursorText === '') return { ok: true, limit, cursor: null };
  if (!/^\d+$/.test(cursorText))
    return { ok: false, answer: error(400, 'cursorId must be a number.') };
  return { ok: true, limit, cursor: Number(cursorText) };
}

function emptyStats(): EmulatorStats {
  return { requests: {}, statuses: {}, rateLimited: 0, rateLimitedBy: {}, injected: {}, writes: 0 };
}

function toSpec(faults: string | FaultSpec | undefined): FaultSpec {
  if (faults === undefined) return noFaults();
  if (typeof faults !== 'string') return faults;
  const parsed = parseFaults(faults);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.spec;
}

function positiveOrNull(rate: number | null | undefined): number | null {
  return rate === undefined || rate === null || !(rate > 0) ? null : rate;
}

function normaliseBasePath(path: string): string {
  const trimmed = path.trim().replace(/\/+$/, '');
  if (trimmed === '') return '';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
