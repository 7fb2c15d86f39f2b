/**
 * Intl in the bundle's context, with no time zones but UTC.
 *
 * Google documents no Intl time-zone support for Apps Script's V8: the V8 runtime guide
 * (https://developers.google.com/apps-script/guides/v8-runtime) promises modern ECMAScript
 * syntax, not ICU time-zone data, and its limitations page is silent on Intl; the documented
 * way to see an instant in a zone is Utilities.formatDate(date, timeZone, format)
 * (https://developers.google.com/apps-script/reference/utilities/utilities#formatDate(Date,String,String)).
 * Taking the harsher reading, the fakes' context refuses what is not guaranteed: a
 * DateTimeFormat, or Date#toLocale*String, asked for a zone other than UTC throws the
 * RangeError V8 throws for a zone it does not know. The add-on's server code must use
 * Utilities.formatDate (src/gas/zone.ts), and a regression fails the bundle suite.
 */
import vm from 'node:vm';

/** The script that does it (also run in each worker context of executions/runtime.ts). */
export const RESTRICT_INTL_SOURCE = `(function () {
  var NativeDateTimeFormat = Intl.DateTimeFormat;
  var UTC = /^(utc|etc\\/utc|gmt|etc\\/gmt|z)$/i;
  function check(options) {
    if (options == null || options.timeZone === undefined) return options;
    var zone = String(options.timeZone);
    if (!UTC.test(zone)) {
      throw new RangeError(
        'Invalid time zone specified: ' + zone +
          ' (Apps Script does not document Intl time zones; use Utilities.formatDate)'
      );
    }
    return options;
  }
  function DateTimeFormat(locales, options) {
    return new NativeDateTimeFormat(locales, check(options));
  }
  DateTimeFormat.prototype = NativeDateTimeFormat.prototype;
  DateTimeFormat.supportedLocalesOf = NativeDateTimeFormat.supportedLocalesOf;
  Object.defineProperty(Intl, 'DateTimeFormat', {
    value: DateTimeFormat, writable: true, configurable: true, enumerable: false
  });
  ['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString'].forEach(function (name) {
    var native = Date.prototype[name];
    Object.defineProperty(Date.prototype, name, {
      value: function (locales, options) { return native.call(this, locales, check(options)); },
      writable: true, configurable: true, enumerable: false
    });
  });
})();`;

/** Makes the context's Intl refuse time zones other than UTC (see above). */
export function restrictIntlTimeZones(context: vm.Context): void {
  vm.runInContext(RESTRICT_INTL_SOURCE, context);
}
