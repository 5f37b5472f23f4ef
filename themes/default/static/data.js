/* Prepbook's data registry. Data files are plain scripts that call
   PrepbookData.register(kind, key, data); a page asks for data with
   PrepbookData.load(kind, key, src, callback), which uses what is already registered (data
   inlined in the page, as in the single-file export) and otherwise adds a <script src>. Plain
   scripts load from file:// too, where fetch() and modules do not. This file must run before
   any data file. */
(function () {
  "use strict";

  var registered = {};
  var waiting = {};

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

  function get(kind, key) {
    return registered[id(kind, String(key))];
  }

  /* Calls back with (error, data), always asynchronously, once per call. */
  function load(kind, key, src, callback) {
    var k = id(kind, String(key));
    if (Object.prototype.hasOwnProperty.call(registered, k)) {
      Promise.resolve().then(function () { callback(null, registered[k]); });
      return;
    }
    if (waiting[k]) {
      waiting[k].push(callback);
      return;
    }
    waiting[k] = [callback];
    var script = document.createElement("script");
    script.src = src;
    script.async = true;
    script.onload = function () {
      if (waiting[k]) { settle(k, new Error(src + " holds no " + kind + " data")); }
    };
    script.onerror = function () {
      settle(k, new Error("cannot load " + src));
    };
    document.head.appendChild(script);
  }

  window.PrepbookData = { register: register, get: get, load: load };
})();
