/**
 * What google.script.run carries, and how: the one implementation of Google's rules for the
 * values crossing between a sidebar and the server. Plain script, no build: Node requires it
 * (gas-runtime.ts's `run`, test/support/concurrent-addon.ts) and serve-sidebar.ts injects it
 * into the page before script-run.js, which checks every call's arguments with it.
 *
 * Google's rules (https://developers.google.com/apps-script/guides/html/reference/run and
 * https://developers.google.com/apps-script/guides/html/communication#parameters_and_return_values):
 * "Legal parameters are JavaScript primitives like a Number, Boolean, String, or null, as well
 * as JavaScript objects and arrays that are composed of primitives, objects and arrays. [...]
 * Requests fail if you attempt to pass a Date, Function, DOM element besides a form, or other
 * prohibited type, including prohibited types inside objects or arrays. Objects that create
 * circular references will also fail, and undefined fields within arrays become null."
 * The guide's return-value rule is the same ("Most types are legal, but not Date, Function,
 * or DOM element besides form").
 *
 * What Google does beyond the guide's words, as observed (third-party reports, cited beside
 * each rule) and, where the reports leave a choice, the harsher reading:
 * - Arguments: the client checks them before sending and throws at the call itself, with
 *   "Failed due to illegal value in property: <key>" (<key>: the argument's index, or the
 *   innermost property or array index holding the bad value) or "Failed due to circular
 *   reference." — both strings appear in Google's client code (gstatic apps-fileview bundle
 *   lists them among known client errors). Map, Set, class instances, Blob and typed arrays
 *   are illegal too. Keys ending in "__" are dropped. NaN and ±Infinity become null.
 * - Answers: a Date anywhere in the server's answer makes the success handler receive null,
 *   with no error (tanaikech, "Values to transfer between Javascript and Google Apps Script
 *   with google.script.run", 2023-08-28,
 *   https://tanaikech.github.io/2023/08/28/report-values-to-transfer-between-javascript-and-google-apps-script-with-google.script.run/).
 *   The harsher reading is taken for everything else that cannot be carried: a function,
 *   symbol, bigint or circular reference anywhere also makes the whole answer null. Map and
 *   Set arrive as {}; undefined as null (in arrays) or not at all (object fields).
 */
(function (root, factory) {
  var api = factory();
  if (typeof module === 'object' && module && module.exports) module.exports = api;
  else root.scriptRunPayload = api;
})(this, function () {
  'use strict';

  function tag(value) {
    return Object.prototype.toString.call(value);
  }

  /** An object literal (any realm): its prototype is Object.prototype, or it has none. */
  function isPlainObject(value) {
    var proto = Object.getPrototypeOf(value);
    return proto === null || Object.getPrototypeOf(proto) === null;
  }

  function isDomNode(value) {
    return typeof value.nodeType === 'number' && typeof value.nodeName === 'string';
  }

  function illegal(key) {
    var e = new Error('Failed due to illegal value in property: ' + key);
    e.name = 'Error';
    return e;
  }

  function circular() {
    return new Error('Failed due to circular reference.');
  }

  function finiteOrNull(n) {
    return isFinite(n) ? n : null;
  }

  /**
   * A copy of one argument as the server receives it, or throws Google's client error.
   * `key` names where the value sits, for the message.
   */
  function copyArgument(value, key, seen) {
    if (value === null || value === undefined) return null;
    var type = typeof value;
    if (type === 'string' || type === 'boolean') return value;
    if (type === 'number') return finiteOrNull(value);
    if (type !== 'object') throw illegal(key); // function, symbol, bigint
    if (seen.indexOf(value) >= 0) throw circular();
    if (Array.isArray(value)) {
      seen.push(value);
      var list = [];
      for (var i = 0; i < value.length; i++) list.push(copyArgument(value[i], String(i), seen));
      seen.pop();
      return list;
    }
    // Date, Map, Set, RegExp, Blob, typed arrays, DOM nodes, class instances.
    if (!isPlainObject(value) || isDomNode(value)) throw illegal(key);
    seen.push(value);
    var copy = {};
    var keys = Object.keys(value);
    for (var k = 0; k < keys.length; k++) {
      var name = keys[k];
      var field = value[name];
      if (field === undefined || /__$/.test(name)) continue;
      copy[name] = copyArgument(field, name, seen);
    }
    seen.pop();
    return copy;
  }

  /**
   * google.script.run's arguments as the server function receives them. Throws Google's
   * client error (at the call: no request is sent) for what it refuses.
   */
  function copyArguments(args) {
    var list = [];
    for (var i = 0; i < args.length; i++) {
      var arg = args[i];
      if (arg !== null && typeof arg === 'object' && tag(arg) === '[object HTMLFormElement]') {
        // Google reads a form's fields when it is the only argument; the add-on sends none.
        throw new Error(
          args.length === 1
            ? 'This stand-in for google.script.run does not read form elements.'
            : 'Failed due to illegal value in property: ' + i,
        );
      }
      list.push(copyArgument(arg, String(i), []));
    }
    return list;
  }

  var UNCARRIABLE = {};

  function copyAnswerValue(value, seen) {
    if (value === null || value === undefined) return null;
    var type = typeof value;
    if (type === 'string' || type === 'boolean') return value;
    if (type === 'number') return finiteOrNull(value);
    if (type !== 'object') throw UNCARRIABLE;
    if (tag(value) === '[object Date]') throw UNCARRIABLE;
    if (seen.indexOf(value) >= 0) throw UNCARRIABLE;
    seen.push(value);
    var copy;
    if (Array.isArray(value)) {
      copy = [];
      for (var i = 0; i < value.length; i++) copy.push(copyAnswerValue(value[i], seen));
    } else {
      copy = {};
      var keys = Object.keys(value); // a Map or Set has none: it arrives as {}
      for (var k = 0; k < keys.length; k++) {
        var field = value[keys[k]];
        if (field === undefined) continue;
        copy[keys[k]] = copyAnswerValue(field, seen);
      }
    }
    seen.pop();
    return copy;
  }

  /**
   * A server function's answer as the sidebar's success handler receives it: null when it
   * holds anything google.script.run cannot carry (a Date above all), with no error.
   */
  function copyAnswer(value) {
    try {
      return copyAnswerValue(value, []);
    } catch (e) {
      if (e === UNCARRIABLE) return null;
      throw e;
    }
  }

  return { copyArguments: copyArguments, copyAnswer: copyAnswer };
});
