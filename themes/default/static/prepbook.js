/* Prepbook default theme: the light/dark toggle and copy buttons on code blocks.
   Plain script (no modules), so it runs from file:// as well as over HTTP. */
/* The data registry: every data file of the site (search index, study deck) is a plain script
   that calls PrepbookData.register(kind, name, payload). `load` adds such a script once and
   resolves when it has registered, which works from file:// as well as over HTTP (fetch and
   XHR do not). The offline export inlines the same calls, so `load` finds them already there. */
window.PrepbookData = window.PrepbookData || (function () {
  "use strict";
  var store = {};
  var waiting = {};
  function id(kind, name) { return kind + "/" + name; }
  return {
    register: function (kind, name, payload) {
      var key = id(kind, name);
      store[key] = payload;
      (waiting[key] || []).forEach(function (w) { w.resolve(payload); });
      delete waiting[key];
    },
    get: function (kind, name) { return store[id(kind, name)]; },
    /** Resolves with the payload of `name`, adding <script src="src"> if it is not there yet. */
    load: function (kind, name, src) {
      var key = id(kind, name);
      if (Object.prototype.hasOwnProperty.call(store, key)) { return Promise.resolve(store[key]); }
      // The offline export holds its data in the page: it supplies a source of its own.
      var inline = typeof PrepbookData.source === "function" ? PrepbookData.source(kind, name) : null;
      if (inline) { return inline; }
      return new Promise(function (resolve, reject) {
        var first = !waiting[key];
        (waiting[key] = waiting[key] || []).push({ resolve: resolve, reject: reject });
        if (!first) { return; }
        var script = document.createElement("script");
        script.src = src;
        script.async = true;
        script.onerror = function () {
          (waiting[key] || []).forEach(function (w) { w.reject(new Error("cannot load " + src)); });
          delete waiting[key];
        };
        document.head.appendChild(script);
      });
    },
    /** The way from this page back to the site root ("", "../"...). */
    root: function () { return document.documentElement.getAttribute("data-root") || ""; }
  };
})();

(function () {
  "use strict";

  var THEME_KEY = "prepbook-theme";
  var root = document.documentElement;

  function systemDark() {
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  }

  function isDark() {
    var chosen = root.getAttribute("data-theme");
    return chosen ? chosen === "dark" : systemDark();
  }

  function syncToggle(button) {
    var dark = isDark();
    button.setAttribute("aria-pressed", dark ? "true" : "false");
    button.title = dark ? "Use the light theme" : "Use the dark theme";
  }

  var toggle = document.getElementById("pb-theme-toggle");
  if (toggle) {
    toggle.hidden = false;
    syncToggle(toggle);
    toggle.addEventListener("click", function () {
      var next = isDark() ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try { localStorage.setItem(THEME_KEY, next); } catch (e) { /* storage may be off */ }
      syncToggle(toggle);
    });
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // file:// pages are not a secure context: fall back to a hidden text area.
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

  /** Shows and wires the copy button of every code block in `root` (once each). */
  function copyButtons(root) {
    Array.prototype.forEach.call(root.querySelectorAll(".code-block"), wire);
  }
  window.PrepbookCopyButtons = copyButtons;

  function wire(block) {
    var button = block.querySelector(".copy-code");
    var code = block.querySelector("code");
    if (!button || !code || button.getAttribute("data-wired")) { return; }
    button.setAttribute("data-wired", "true");
    var label = block.querySelector(".code-lang");
    button.setAttribute("aria-label", "Copy " + (label ? label.textContent : "") + " code");
    button.hidden = false;
    button.addEventListener("click", function () {
      copyText(code.textContent).then(function () {
        button.textContent = "Copied";
        button.setAttribute("data-copied", "");
      }, function () {
        button.textContent = "Press Ctrl+C";
      });
      setTimeout(function () {
        button.textContent = "Copy";
        button.removeAttribute("data-copied");
      }, 2000);
    });
  }

  copyButtons(document);
})();
