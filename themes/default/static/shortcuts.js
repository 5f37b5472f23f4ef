/* Keyboard shortcuts on every page: Left and Right arrows go to the previous and next question
   (the page's rel="prev" and rel="next" links), and "?" opens a dialog listing the shortcuts
   this page has. Never while the reader types in a field or holds a modifier (Alt+Left is the
   browser's Back). */
(function () {
  "use strict";

  var t = window.PrepbookText;
  var dialog = null;

  function typing(target) {
    if (!target || !target.tagName) { return false; }
    var tag = target.tagName.toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  /* The shortcuts of this page: [keys, what they do]. */
  function shortcuts() {
    var list = [];
    if (document.getElementById("pb-search")) {
      list.push([["/"], t("shortcuts.search", "Search")], [["Ctrl", "K"], t("shortcuts.search_anywhere", "Search, even from a field")]);
    }
    if (document.querySelector('a[rel="prev"], a[rel="next"]')) {
      list.push([["\u2190"], t("shortcuts.previous_question", "Previous question")], [["\u2192"], t("shortcuts.next_question", "Next question")]);
    }
    if (document.getElementById("pb-show-answer")) {
      list.push([["A"], t("shortcuts.toggle_answer", "Show or hide the answer, when answers are hidden")]);
    }
    if (document.body.classList.contains("page-study")) {
      list.push([["Space"], t("shortcuts.flashcard_answer", "Show the answer of a flashcard")], [["1\u20134"], t("shortcuts.grade", "Grade a flashcard: again, hard, good, easy")],
        [["\u2190"], t("shortcuts.previous_card", "Previous card")], [["\u2192"], t("shortcuts.next_card", "Next card")]);
    }
    if (document.getElementById("pb-nav-toggle")) {
      list.push([["Esc"], t("shortcuts.close_drawer", "Close the navigation drawer or a dialog")]);
    } else {
      list.push([["Esc"], t("shortcuts.close_dialog", "Close a dialog")]);
    }
    list.push([["?"], t("shortcuts.show_list", "Show this list")]);
    return list;
  }

  function openDialog() {
    if (!dialog) {
      dialog = el("dialog", "shortcuts-dialog");
      dialog.setAttribute("aria-labelledby", "pb-shortcuts-title");
      var title = el("h2", "", t("shortcuts.title", "Keyboard shortcuts"));
      title.id = "pb-shortcuts-title";
      var dl = el("dl");
      shortcuts().forEach(function (s) {
        var dt = el("dt");
        s[0].forEach(function (k, i) {
          if (i) { dt.appendChild(document.createTextNode(" + ")); }
          dt.appendChild(el("kbd", "", k));
        });
        dl.appendChild(dt);
        dl.appendChild(el("dd", "", s[1]));
      });
      var form = el("form");
      form.method = "dialog";
      var close = el("button", "button", t("shortcuts.close", "Close"));
      close.type = "submit";
      form.appendChild(close);
      dialog.appendChild(title);
      dialog.appendChild(dl);
      dialog.appendChild(form);
      dialog.addEventListener("click", function (e) {
        if (e.target === dialog) { dialog.close(); }
      });
      document.body.appendChild(dialog);
    }
    if (!dialog.open && dialog.showModal) { dialog.showModal(); }
  }

  function follow(rel) {
    var a = document.querySelector('a[rel="' + rel + '"]');
    if (a) { window.location.href = a.href; }
  }

  document.addEventListener("keydown", function (e) {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) { return; }
    if (dialog && dialog.open) { return; }
    var drawer = document.documentElement.getAttribute("data-drawer") === "open";
    if (e.key === "?") {
      e.preventDefault();
      openDialog();
    } else if (e.key === "ArrowLeft" && !e.shiftKey && !drawer) {
      if (document.querySelector('a[rel="prev"]')) { e.preventDefault(); follow("prev"); }
    } else if (e.key === "ArrowRight" && !e.shiftKey && !drawer) {
      if (document.querySelector('a[rel="next"]')) { e.preventDefault(); follow("next"); }
    }
  });

  window.PrepbookShortcuts = { open: openDialog };
})();
