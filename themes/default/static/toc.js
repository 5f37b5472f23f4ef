/* "On this page" on a question page: marks the heading being read (the last one whose top has
   passed the upper third of the window) in both places the list shows, the side column on wide
   screens and the collapsed block at the top of the answer below that. An IntersectionObserver
   says when a heading crosses that line, so nothing runs on every scroll event. */
(function () {
  "use strict";

  var links = document.querySelectorAll('.toc a[href^="#"], .toc-inline a[href^="#"]');
  if (!links.length || !window.IntersectionObserver) { return; }

  var byId = {};
  var headings = [];
  Array.prototype.forEach.call(links, function (a) {
    var id = decodeURIComponent(a.getAttribute("href").slice(1));
    if (!byId[id]) {
      var h = document.getElementById(id);
      if (!h) { return; }
      byId[id] = [];
      headings.push(h);
    }
    byId[id].push(a);
  });
  if (!headings.length) { return; }

  var currentId = null;

  function update() {
    var line = window.innerHeight / 3;
    var reading = null;
    headings.forEach(function (h) {
      // A hidden heading (the answer not shown yet) has no box and is never the one read.
      var box = h.getBoundingClientRect();
      if (box.height > 0 && box.top <= line) { reading = h; }
    });
    var id = reading ? reading.id : null;
    if (id === currentId) { return; }
    if (currentId) {
      byId[currentId].forEach(function (a) { a.removeAttribute("aria-current"); });
    }
    currentId = id;
    if (id) {
      byId[id].forEach(function (a) { a.setAttribute("aria-current", "true"); });
    }
  }

  // The observed band is the top third of the window: a heading entering or leaving it is the
  // moment the one being read can change.
  var observer = new IntersectionObserver(update, { rootMargin: "0px 0px -66% 0px", threshold: [0, 1] });
  headings.forEach(function (h) { observer.observe(h); });
  window.addEventListener("resize", update);
  update();
})();
