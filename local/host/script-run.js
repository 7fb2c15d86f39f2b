/* global window, fetch, console */
/**
 * A stand-in for Google's `google.script.run` and `google.script.host`, for the built
 * sidebar served outside Google (sandbox, browser tests). Plain browser script, no build:
 * serve-sidebar.ts injects it before the app's own script.
 *
 * Each call checks its arguments by Google's rules (script-run-payload.js, injected before
 * this file; a refused argument throws at the call, as Google's client does), then POSTs
 * {"args": [...]} to /rpc/<name>. The answer {"value": v} goes to the
 * success handler; {"error": "..."} or an HTTP failure goes to the failure handler as an
 * Error, as Google does. Handlers are called asynchronously with the user object, if any.
 */
(function () {
  'use strict';

  // Names that must not become server calls: `then` would make the runner look like a
  // promise to `await`, and the others are probed by consoles and serialisers.
  var NOT_FUNCTIONS = ['then', 'toJSON', 'constructor', 'valueOf', 'toString'];

  function call(name, args, success, failure, userObject) {
    fetch('/rpc/' + encodeURIComponent(name), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ args: args }),
    })
      .then(function (response) {
        return response.text().then(function (text) {
          var answer;
          try {
            answer = text ? JSON.parse(text) : null;
          } catch {
            answer = null; // Not JSON (a proxy's error page): reported by status below.
          }
          if (answer && typeof answer.error === 'string') throw new Error(answer.error);
          if (!response.ok || !answer || !('value' in answer)) {
            throw new Error('The server answered ' + response.status + ' to ' + name + '.');
          }
          return answer.value;
        });
      })
      .then(
        function (value) {
          if (success) success(value, userObject);
        },
        function (error) {
          var e = error instanceof Error ? error : new Error(String(error));
          if (failure) failure(e, userObject);
          else console.error('google.script.run.' + name + ' failed:', e);
        },
      );
  }

  function runner(success, failure, userObject) {
    return new Proxy(
      {},
      {
        get: function (_target, prop) {
          if (prop === 'withSuccessHandler') {
            return function (fn) {
              return runner(fn, failure, userObject);
            };
          }
          if (prop === 'withFailureHandler') {
            return function (fn) {
              return runner(success, fn, userObject);
            };
          }
          if (prop === 'withUserObject') {
            return function (obj) {
              return runner(success, failure, obj);
            };
          }
          if (typeof prop !== 'string' || NOT_FUNCTIONS.indexOf(prop) >= 0) return undefined;
          return function () {
            // Google checks the arguments in the page and throws here, at the call, for what
            // it refuses (a Date, a function, a circular object…): no request, no failure
            // handler. script-run-payload.js holds the rules and their sources.
            var args = window.scriptRunPayload.copyArguments(Array.prototype.slice.call(arguments));
            call(prop, args, success, failure, userObject);
          };
        },
      },
    );
  }

  window.google = window.google || {};
  window.google.script = {
    run: runner(null, null, undefined),
    host: {
      // The sandbox shows the sidebar in an iframe; it removes it on this message.
      close: function () {
        if (window.parent && window.parent !== window) {
          window.parent.postMessage({ type: 'sidebar-closed' }, '*');
        }
      },
      editor: {
        focus: function () {
          if (window.parent && window.parent !== window) window.parent.focus();
        },
      },
      setHeight: function () {},
      setWidth: function () {},
    },
  };
})();
