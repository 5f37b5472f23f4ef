/* Prepbook's data registry. Every data file of a site (the search index, the study deck and
   cards) is a plain script that calls PrepbookData.register(kind, key, data). A page asks for
   data with PrepbookData.load(kind, key, src[, callback]): it uses what is registered already,
   else what a page-provided `source` gives (the single-file export inflates its own data), else
   adds <script src>. Plain scripts load from file:// too, where fetch(), XHR and modules do not.
   `load` returns a Promise of the data; a callback, when given, is called with (error, data),
   always asynchronously, once per call. This file must run before any data file.

   The bulky files (study mode's card chunks, search's metadata and snippet text) call
   PrepbookData.packed(kind, key, base64) instead: their JSON gzipped, in base64. It is
   inflated here (DecompressionStream, which makes no request and works from file:// too) and
   then registered as if it had come plain; a load that asks for it meanwhile waits. */
(function () {
  "use strict";

  var registered = {};
  var waiting = {};
  var inflating = {};

  function id(kind, key) {
    return kind + "\n" + key;
  }

  function settle(k, err, data) {
    var callbacks = waiting[k] || [];
    delete waiting[k];
    callbacks.forEach(function (cb) { cb(err, data); });
  }

  function register(kind, key, data) {
    var k = id(kind, String(key));
    registered[k] = data;
    if (waiting[k]) { settle(k, null, data); }
  }

  /** A promise of the bytes that `b64` holds gzipped. */
  function inflate(b64) {
    var binary = atob(b64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) { bytes[i] = binary.charCodeAt(i); }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).arrayBuffer().then(function (b) { return new Uint8Array(b); });
  }

  function packed(kind, key, b64) {
    var k = id(kind, String(key));
    inflating[k] = inflate(b64).then(function (bytes) {
      return JSON.parse(new TextDecoder().decode(bytes));
    }).then(function (data) {
      delete inflating[k];
      register(kind, key, data);
      return data;
    }, function (err) {
      delete inflating[k];
      var failed = new Error(kind + " data " + key + " cannot be inflated: " + err.message);
      settle(k, failed);
      throw failed;
    });
    // Whoever loads it hears of a failure; nobody asking for it is no error.
    inflating[k].catch(function () {});
  }

  function get(kind, key) {
    return registered[id(kind, String(key))];
  }

  function fetchData(kind, key, src) {
    var k = id(kind, String(key));
    if (Object.prototype.hasOwnProperty.call(registered, k)) {
      return Promise.resolve(registered[k]);
    }
    if (inflating[k]) { return inflating[k]; }
    var own = typeof api.source === "function" ? api.source(kind, String(key)) : null;
    if (own) { return own; }
    return new Promise(function (resolve, reject) {
      var cb = function (err, data) { if (err) { reject(err); } else { resolve(data); } };
      if (waiting[k]) {
        waiting[k].push(cb);
        return;
      }
      waiting[k] = [cb];
      var script = document.createElement("script");
      script.src = src;
      script.async = true;
      script.onload = function () {
        if (waiting[k] && !inflating[k]) { settle(k, new Error(src + " holds no " + kind + " data")); }
      };
      script.onerror = function () {
        settle(k, new Error("cannot load " + src));
      };
      document.head.appendChild(script);
    });
  }

  function load(kind, key, src, callback) {
    var p = fetchData(kind, key, src);
    if (callback) {
      p.then(function (data) { callback(null, data); }, function (err) { callback(err); });
    }
    return p;
  }

  /** The way from this page back to the site root ("", "../"...). */
  function root() {
    return document.documentElement.getAttribute("data-root") || "";
  }

  var api = {
    register: register, packed: packed, inflate: inflate, get: get, load: load, root: root, source: null,
  };
  window.PrepbookData = api;
})();
