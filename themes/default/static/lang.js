/* The language switcher of a translated guide (the header's list of languages, built with the
   page: each link leads to this page in that language, or to that language's home page). This
   script only remembers the reader's choice in this browser, and brings a reader who opens the
   default language's home page (a bookmark, a link from elsewhere) to the language they chose.
   Without it, or without storage, the links still work as plain links. */
(function () {
  "use strict";

  var KEY = "prepbook-language";
  var nav = document.getElementById("pb-lang-switch");
  if (!nav) { return; }
  var links = nav.querySelectorAll("a[data-lang]");

  function remember(code) {
    try { localStorage.setItem(KEY, code); } catch (e) { /* private mode: nothing kept */ }
  }

  Array.prototype.forEach.call(links, function (a) {
    a.addEventListener("click", function () {
      remember(a.getAttribute("data-lang"));
      // The search page keeps its query in the other language.
      if (document.body.classList.contains("page-search") && location.search) {
        a.href = a.getAttribute("href").split("?")[0] + location.search;
      }
    });
  });

  var chosen = null;
  try { chosen = localStorage.getItem(KEY); } catch (e) { chosen = null; }
  var here = document.documentElement.getAttribute("lang");
  if (!chosen || chosen === here || !document.body.classList.contains("page-home")) { return; }
  // Only the first language's home page leads on: every other page is where the reader asked
  // to be, in the language they asked for.
  if (links.length && links[0].getAttribute("aria-current") === "true") {
    Array.prototype.forEach.call(links, function (a) {
      if (a.getAttribute("data-lang") === chosen) { location.replace(a.href); }
    });
  }
})();
