// One Apps Script execution at a time, in a worker thread (see runtime.ts). Plain JavaScript
// so the worker needs no TypeScript loader.
//
// The worker compiles dist/Code.js once and, for each execution, runs it in a fresh vm
// context (Apps Script gives every execution fresh globals) whose Apps Script services are
// thin proxies: every method call or property read is posted to the main thread, which runs
// it on the ONE shared fakes instance, and this thread blocks on Atomics.wait until the
// answer is there. Between two such calls the execution runs alone: the main thread's
// scheduler serves one call at a time and decides, with a seeded RNG, whose is next.
//
// Values cross as a tagged encoding (runtime.ts `encode`/`decode` mirror it): primitives as
// they are; {a:[…]} an array, {o:{…}} a plain object, {d:ms} a Date, {h:id, m:[methods]} a
// fake object living on the main thread (a handle), {u:1} undefined inside an array. A handle
// may carry `l: {method: answer}`: answers to no-argument calls this thread gives itself (an
// HTTPResponse's reads), each call decoding a fresh copy; and `s: [methods]`: getters whose
// answer cannot change within the execution, asked once and then answered here.
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { receiveMessageOnPort, workerData } from 'node:worker_threads';

const IDLE = 0;
const RUNNING = 1;
const CALLING = 2; // then the main thread sets 3 (replied) and the worker reads the answer

const { port, state: stateBuffer, clock: clockBuffer, codePath, intlSource } = workerData;
const state = new Int32Array(stateBuffer);
const clock = new Float64Array(clockBuffer);
const script = new vm.Script(readFileSync(codePath, 'utf8'), { filename: 'Code.js' });

function receive() {
  for (;;) {
    const got = receiveMessageOnPort(port);
    if (got) return got.message;
    // postMessage queues synchronously; this only guards against a late delivery.
    Atomics.wait(state, 0, Atomics.load(state, 0), 1);
  }
}

/** Posts a request and blocks until the main thread answers it. */
function request(message) {
  port.postMessage(message);
  Atomics.store(state, 0, CALLING);
  Atomics.notify(state, 0);
  while (Atomics.load(state, 0) === CALLING) Atomics.wait(state, 0, CALLING);
  const answer = receive();
  Atomics.store(state, 0, RUNNING);
  return answer;
}

// Built inside each context, so arrays, objects, Dates and Errors belong to its realm (zod
// and `instanceof Error` in the bundle see their own kinds).
const CODEC = `(function (handleOf, idOf) {
  function decode(v) {
    if (v === null || typeof v !== 'object') return v;
    if (v.a) { var out = new Array(v.a.length); for (var i = 0; i < v.a.length; i++) out[i] = decode(v.a[i]); return out; }
    if (v.o) { var o = {}; for (var k in v.o) o[k] = decode(v.o[k]); return o; }
    if (v.d !== undefined) return new Date(v.d);
    if (v.h !== undefined) return handleOf(v.h, v.m, v.l, v.s);
    if (v.u) return undefined;
    throw new Error('Cannot decode ' + JSON.stringify(v));
  }
  function encode(v, seen) {
    if (v === undefined) return { u: 1 };
    if (v === null || typeof v !== 'object' && typeof v !== 'function') return v;
    var id = idOf(v);
    if (id !== undefined) return { h: id };
    if (typeof v === 'function') throw new TypeError('A function cannot be passed to an Apps Script service');
    if (v instanceof Date) return { d: v.getTime() };
    seen = seen || [];
    if (seen.indexOf(v) >= 0) throw new TypeError('Circular value passed to an Apps Script service');
    seen.push(v);
    var res;
    if (Array.isArray(v)) { res = { a: v.map(function (x) { return encode(x, seen); }) }; }
    else { var o = {}; for (var k in v) if (v[k] !== undefined) o[k] = encode(v[k], seen); res = { o: o }; }
    seen.pop();
    return res;
  }
  function error(e) { var err = new Error(e.message); err.name = e.name; return err; }
  return { decode: decode, encode: encode, error: error };
})`;

// Date and Date.now() read the fakes' clock, which the main thread writes to shared memory
// before it lets an execution run: the whole run is a function of the seed.
const CLOCKED_DATE = `(function (now) {
  var NativeDate = Date;
  function ClockDate() {
    var args = Array.prototype.slice.call(arguments);
    if (!new.target) return new NativeDate(now()).toString();
    if (args.length === 0) args = [now()];
    return Reflect.construct(NativeDate, args, new.target);
  }
  ClockDate.prototype = NativeDate.prototype;
  ClockDate.now = now;
  ClockDate.UTC = NativeDate.UTC;
  ClockDate.parse = NativeDate.parse;
  Object.defineProperty(NativeDate.prototype, 'constructor', { value: ClockDate, writable: true, configurable: true, enumerable: false });
  Date = ClockDate;
})`;

// A seeded Math.random per execution (mulberry32), so jitter is replayed too.
const SEEDED_RANDOM = `(function (seed) {
  var a = seed >>> 0;
  Math.random = function () {
    a = (a + 0x6d2b79f5) >>> 0;
    var t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
})`;

const OBJECT_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

function runExecution(start) {
  const handles = new Map();
  const ids = new WeakMap();
  let codec;
  const remote = (message) => {
    const answer = request(message);
    if ('err' in answer) throw codec.error(answer.err);
    return codec.decode(answer.ok);
  };
  const handleOf = (id, methods, local, stable) => {
    const known = handles.get(id);
    if (known) return known;
    const stableSet = new Set(stable || []);
    const remembered = new Map();
    const methodSet = new Set(methods);
    const bound = new Map();
    const target = {};
    const proxy = new Proxy(target, {
      get(_, prop) {
        if (typeof prop === 'symbol') return undefined;
        if (methodSet.has(prop)) {
          let fn = bound.get(prop);
          if (!fn) {
            const answer =
              local && Object.prototype.hasOwnProperty.call(local, prop) ? local[prop] : undefined;
            const call = (args) =>
              remote({ t: 'call', h: id, m: prop, a: args.map((x) => codec.encode(x)) });
            fn = (...args) => {
              if (args.length > 0) return call(args);
              if (answer !== undefined) return codec.decode(answer);
              if (!stableSet.has(prop)) return call(args);
              if (!remembered.has(prop)) remembered.set(prop, call(args));
              return remembered.get(prop);
            };
            bound.set(prop, fn);
          }
          return fn;
        }
        if (prop === 'then' || OBJECT_NAMES.has(prop)) return target[prop];
        return remote({ t: 'get', h: id, p: prop });
      },
      set() {
        return false;
      },
    });
    handles.set(id, proxy);
    ids.set(proxy, id);
    return proxy;
  };

  const context = vm.createContext({});
  vm.runInContext('delete globalThis.console', context);
  vm.runInContext(intlSource, context);
  vm.runInContext(CLOCKED_DATE, context)(() => clock[0]);
  vm.runInContext(SEEDED_RANDOM, context)(start.random);
  codec = vm.runInContext(CODEC, context)(handleOf, (v) => ids.get(v));
  const globals = codec.decode(start.globals);
  for (const name of Object.keys(globals)) context[name] = globals[name];
  // Apps Script's console writes to the execution log; here it goes to the Logger fake.
  const log = (...args) => globals.Logger.log(args.map(String).join(' '));
  context.console = { log, info: log, warn: log, error: log, debug: log };

  script.runInContext(context);
  const fn = context[start.name];
  if (typeof fn !== 'function') throw new Error(`Code.js has no top-level function ${start.name}`);
  return codec.encode(fn(...codec.decode(start.args)));
}

for (;;) {
  while (Atomics.load(state, 0) === IDLE) Atomics.wait(state, 0, IDLE);
  const start = receive();
  let done;
  try {
    done = { t: 'done', ok: runExecution(start) };
  } catch (error) {
    done = {
      t: 'done',
      err: {
        name: String(error && error.name ? error.name : 'Error'),
        message: String(error && error.message !== undefined ? error.message : error),
        stack: String(error && error.stack ? error.stack : ''),
      },
    };
  }
  port.postMessage(done);
  Atomics.store(state, 0, IDLE);
  Atomics.notify(state, 0);
}
