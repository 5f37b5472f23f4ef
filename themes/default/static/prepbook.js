/* Prepbook default theme: the light/dark toggle, the site menu on phones and copy buttons on
   code blocks.
   Plain script (no modules), so it runs from file:// as well as over HTTP. */
(function () {
  "use strict";

  var THEME_KEY = "prepbook-theme";
  var root = document.documentElement;
  // text.js, loaded before: the UI strings of the page's language; English without it.
  var text = window.PrepbookText || function (key, english, values) {
    return english.replace(/\{(\w+)\}/g, function (w, name) { return values && name in values ? String(values[name]) : w; });
  };

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
    button.title = dark ? text("page.use_light_theme", "Use the light theme") : text("page.use_dark_theme", "Use the dark theme");
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

  /* Phones: the site links open as a menu under the header; Escape, a click elsewhere or
     leaving the menu with the keyboard closes it. */
  var navToggle = document.getElementById("pb-site-nav-toggle");
  var nav = document.getElementById("pb-site-nav");
  if (navToggle && nav) {
    var setOpen = function (open) {
      nav.classList.toggle("open", open);
      navToggle.setAttribute("aria-expanded", open ? "true" : "false");
    };
    navToggle.addEventListener("click", function () {
      var open = navToggle.getAttribute("aria-expanded") !== "true";
      setOpen(open);
      if (open) { nav.querySelector("a").focus(); }
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && nav.classList.contains("open")) {
        setOpen(false);
        navToggle.focus();
      }
    });
    document.addEventListener("click", function (e) {
      if (!nav.contains(e.target) && !navToggle.contains(e.target)) { setOpen(false); }
    });
    nav.addEventListener("focusout", function (e) {
      if (e.relatedTarget && !nav.contains(e.relatedTarget) && e.relatedTarget !== navToggle) { setOpen(false); }
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
    button.setAttribute("aria-label", text("code.copy_label", "Copy {language} code", { language: label ? label.textContent : "" }).replace(/\s+/g, " "));
    button.hidden = false;
    button.addEventListener("click", function () {
      copyText(code.textContent).then(function () {
        button.textContent = text("code.copied", "Copied");
        button.setAttribute("data-copied", "");
      }, function () {
        button.textContent = text("code.press_ctrl_c", "Press Ctrl+C");
      });
      setTimeout(function () {
        button.textContent = text("code.copy", "Copy");
        button.removeAttribute("data-copied");
      }, 2000);
    });
  }

  copyButtons(document);
})();
