/* Prepbook default theme: the UI strings of the page's language for the other scripts.
   static/strings-<code>.js (written by the build from the theme's i18n/<code>.toml tables,
   loaded just before this script) sets PrepbookStrings; PrepbookText(key, english, values)
   returns its text for key, or the English given by the caller when the table is missing or
   lacks the key. english is a string, or [one, other] when the text has a count: values.n picks
   the form. "{name}" in the text is replaced by values.name. The result is text: callers put it
   in textContent or attributes, never in innerHTML.
   Plain script (no modules), so it runs from file:// as well as over HTTP. */
(function (global) {
  "use strict";

  function pick(text, n) {
    if (text && typeof text === "object") {
      var one = Array.isArray(text) ? text[0] : text.one;
      var other = Array.isArray(text) ? text[1] : text.other;
      return n === 1 ? one : other;
    }
    return text;
  }

  function text(key, english, values) {
    var table = global.PrepbookStrings;
    var own = table && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
    var n = values && typeof values.n === "number" ? values.n : undefined;
    var chosen = pick(own !== undefined ? own : english, n);
    if (typeof chosen !== "string") { chosen = String(pick(english, n)); }
    return chosen.replace(/\{(\w+)\}/g, function (whole, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  global.PrepbookText = text;
  if (typeof module === "object" && module.exports) { module.exports = text; }
})(typeof window !== "undefined" ? window : globalThis);
