/* Prepbook study page (study.html): the deck chooser and the desired retention, flashcard
   sessions (grade buttons kept in reach, each with its next interval), mock interviews and the
   reader's data (export, import, reset). Builds on study.js (window.PrepbookStudy). Plain
   script, so it runs from file:// as well as over HTTP. */
(function () {
  "use strict";

  var S = window.PrepbookStudy;
  var t = window.PrepbookText;
  var Scheduler = window.PrepbookScheduler;
  var page = document.getElementById("pb-study");
  if (!S || !page) { return; }
  page.hidden = false;

  function $(id) { return document.getElementById(id); }
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  var store = S.store;
  var form = $("pb-deck-form");
  var setup = $("pb-setup");
  var sessionView = $("pb-session");
  var summaryView = $("pb-summary");
  var card = $("pb-card");
  var back = $("pb-card-back");
  var flipButton = $("pb-flip");
  var grades = $("pb-grades");
  var sessionStatus = $("pb-session-status");
  var deck = null;
  var session = null;

  function formValue(name) {
    var el = form.elements[name];
    return el ? el.value : "";
  }

  /* A count with its noun, in the page's language: `english` is [one, other]. */
  function plural(n, key, english) {
    return t(key, english, { n: n });
  }

  function clock(seconds) {
    var s = Math.abs(Math.round(seconds));
    var m = Math.floor(s / 60);
    var r = s % 60;
    return (seconds < 0 ? "-" : "") + m + ":" + (r < 10 ? "0" : "") + r;
  }

  /* ---- Choosing a deck ---- */

  /* The cards of the chosen section, tag, difficulty and level, before the "Cards" choice. */
  function filtered() {
    return deck.filter({
      section: formValue("section"),
      tag: formValue("tag"),
      difficulty: formValue("difficulty"),
      level: formValue("level")
    });
  }

  function chosen() {
    var which = formValue("cards");
    var records = store.all();
    var day = S.today();
    return filtered().filter(function (c) {
      var r = records[c.url];
      var state = r ? r.state : "new";
      if (which === "due") { return Scheduler.isDue(r, day); }
      if (which === "new") { return state === "new"; }
      if (which === "learning") { return state === "learning"; }
      return true;
    });
  }

  function updateCounts() {
    if (!deck) { return; }
    var list = filtered();
    var s = store.summarize(list.map(function (c) { return c.url; }), S.today());
    var counts = { all: list.length, due: s.due, "new": s["new"], learning: s.learning };
    each(form.querySelectorAll("[data-count]"), function (el) {
      el.textContent = String(counts[el.getAttribute("data-count")]);
    });
    var n = chosen().length;
    var mock = formValue("mode") === "mock";
    $("pb-mock-options").hidden = !mock;
    var text;
    if (n === 0) {
      text = t("study.no_match", "No cards match these choices.");
    } else if (mock) {
      var asked = Math.min(n, Math.max(1, parseInt(formValue("mock-count"), 10) || 1));
      text = t("study.random_from_deck", "{questions} from a deck of {cards}.", { questions: plural(asked, "study.n_random_questions", ["{n} random question", "{n} random questions"]), cards: plural(n, "study.n_cards", ["{n} card", "{n} cards"]) });
    } else {
      text = t("study.in_deck", "{cards} in this deck.", { cards: plural(n, "study.n_cards", ["{n} card", "{n} cards"]) });
    }
    $("pb-deck-match").textContent = text;
    $("pb-start").disabled = n === 0;
  }

  function shuffle(list) {
    for (var i = list.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var t = list[i];
      list[i] = list[j];
      list[j] = t;
    }
    return list;
  }

  form.addEventListener("change", updateCounts);
  form.addEventListener("input", updateCounts);
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    if (!deck) { return; }
    var list = chosen();
    if (!list.length) { return; }
    var mock = formValue("mode") === "mock";
    if (mock) {
      var n = Math.max(1, parseInt(formValue("mock-count"), 10) || 5);
      var minutes = Math.max(1, parseInt(formValue("mock-minutes"), 10) || 5);
      start(shuffle(list.slice()).slice(0, n), { mock: true, seconds: minutes * 60 });
    } else {
      start(formValue("order") === "shuffle" ? shuffle(list.slice()) : list, { mock: false });
    }
  });

  /* ---- A session ---- */

  function show(view) {
    setup.hidden = view !== setup;
    sessionView.hidden = view !== sessionView;
    summaryView.hidden = view !== summaryView;
    $("pb-data").hidden = view === sessionView;
  }

  function start(cards, options) {
    session = {
      mock: options.mock,
      seconds: options.seconds || 0,
      cards: cards,
      pos: 0,
      reached: 0,
      flipped: false,
      grades: [],
      before: [],
      titles: [],
      answered: [],
      spent: [],
      shownAt: 0,
      token: 0,
      timer: null,
      timeUp: false
    };
    $("pb-session-title").textContent = options.mock ? t("study.mock_interview", "Mock interview") : t("study.flashcards", "Flashcards");
    $("pb-timer").hidden = !options.mock;
    sessionStatus.textContent = "";
    show(sessionView);
    render();
  }

  function current() {
    return session.cards[session.pos];
  }

  function render() {
    var c = current();
    var n = session.cards.length;
    var token = ++session.token;
    session.flipped = false;
    session.reached = Math.max(session.reached, session.pos + 1);
    $("pb-position").textContent = session.mock ? t("study.question_position", "Question {pos} of {n}", { pos: session.pos + 1, n: n }) : t("study.card_position", "Card {pos} of {n}", { pos: session.pos + 1, n: n });
    var bar = $("pb-progress");
    bar.max = n;
    bar.value = session.pos;
    back.hidden = true;
    grades.hidden = true;
    flipButton.hidden = false;
    flipButton.setAttribute("aria-expanded", "false");
    flipButton.firstChild.nodeValue = t("study.show_answer", "Show answer") + " ";
    $("pb-prev").disabled = session.pos === 0;
    $("pb-next").firstChild.nodeValue = (session.pos === n - 1 ? t("study.finish", "Finish") : t("study.next", "Next")) + " ";
    var meta = $("pb-card-meta");
    meta.textContent = "";
    var section = deck.sections[c.section];
    var parts = [];
    if (section && c.section !== 0) { parts.push(section.title); }
    if (c.difficulty) { parts.push(S.Deck.DIFFICULTIES[c.difficulty].replace(/^./, function (x) { return x.toUpperCase(); })); }
    meta.appendChild(document.createTextNode(parts.join(" \u00b7 ") + (parts.length ? " \u00b7 " : "")));
    var link = document.createElement("a");
    link.href = S.root + c.url;
    link.textContent = t("study.open_question_page", "Open the question page");
    meta.appendChild(link);
    $("pb-card-title").textContent = session.titles[session.pos] || t("study.loading", "Loading\u2026");
    $("pb-card-prompt").textContent = "";
    $("pb-card-answer").textContent = "";
    var graded = session.grades[session.pos];
    sessionStatus.textContent = graded ? t("study.graded_as", "You graded this card {grade}; grade it again to change that.", { grade: S.GRADE_LABELS[graded - 1].toLowerCase() }) : "";
    deck.content(c.index, function (err, content) {
      if (!session || token !== session.token) { return; }
      if (err) {
        $("pb-card-title").textContent = t("study.card_failed", "This card could not be loaded.");
        sessionStatus.textContent = t("study.card_failed_hint", "Rebuild the site, or open the question page instead.");
        return;
      }
      session.titles[session.pos] = content.title;
      $("pb-card-title").textContent = content.title;
      var prompt = $("pb-card-prompt");
      prompt.innerHTML = content.prompt;
      S.rebase(prompt, c.url);
      var summary = $("pb-card-summary");
      summary.hidden = !content.summary;
      // Inline HTML the build made from the summary's Markdown; its links lead from the root.
      summary.lastChild.innerHTML = content.summary;
      S.rebase(summary.lastChild, "index.html");
      var answer = $("pb-card-answer");
      answer.innerHTML = content.answer;
      S.rebase(answer, c.url);
    });
    var next = session.cards[session.pos + 1];
    if (next) { deck.content(next.index, function () {}); }
    card.focus();
    if (session.mock) { startTimer(); }
  }

  /* Shows or hides the back. Shown, the grade buttons take the place of "Show answer" in the
     bar at the bottom of the window, each saying when the card would come back; a back that
     starts below the fold is scrolled up, so the short answer shows first. */
  function flip() {
    if (!session) { return; }
    session.flipped = !session.flipped;
    var hadFocus = document.activeElement === flipButton;
    back.hidden = !session.flipped;
    grades.hidden = !session.flipped;
    flipButton.hidden = session.flipped;
    flipButton.setAttribute("aria-expanded", session.flipped ? "true" : "false");
    flipButton.firstChild.nodeValue = (session.flipped ? t("study.hide_answer", "Hide answer") : t("study.show_answer", "Show answer")) + " ";
    if (!session.flipped) { return; }
    session.answered[session.pos] = true;
    showIntervals();
    if (hadFocus) { card.focus({ preventScroll: true }); }
    var top = back.getBoundingClientRect().top;
    var bar = $("pb-answer-bar").getBoundingClientRect().height;
    if (top > window.innerHeight - bar - 96) { back.scrollIntoView({ block: "start" }); }
  }

  /* Each grade button's next interval ("1m", "10m", "3d"), from the card as it was before this
     session graded it. */
  function showIntervals() {
    var c = current();
    var record = session.grades[session.pos] ? session.before[session.pos] : store.get(c.url);
    var now = new Date();
    var dues = null;
    try { dues = Scheduler.preview(record, now, store.retention()); } catch (e) { dues = null; }
    each(grades.querySelectorAll("[data-next]"), function (el, i) {
      el.textContent = "";
      if (!dues) { return; }
      var hint = document.createElement("span");
      hint.className = "visually-hidden";
      hint.textContent = ", next in ";
      el.appendChild(hint);
      el.appendChild(document.createTextNode(Scheduler.span(now, dues[i])));
    });
  }

  function grade(g) {
    if (!session || !session.flipped) { return; }
    var c = current();
    if (session.grades[session.pos]) {
      store.restore(c.url, session.before[session.pos]);
    } else {
      session.before[session.pos] = store.get(c.url);
    }
    var record = store.grade(c.url, g, new Date());
    if (!record) {
      sessionStatus.textContent = store.error;
      return;
    }
    session.grades[session.pos] = g;
    var label = S.GRADE_LABELS[g - 1];
    var now = new Date();
    move(1, label + " (back in " + Scheduler.span(now, new Date(record.due)) + "): " + S.describe(record, S.today()));
  }

  /* Moves by `step` cards; past the last card, the session ends. */
  function move(step, message) {
    if (!session) { return; }
    var to = session.pos + step;
    if (to < 0) { return; }
    stopTimer();
    if (to >= session.cards.length) {
      finish();
      return;
    }
    session.pos = to;
    render();
    if (message) { sessionStatus.textContent = message; }
  }

  /* ---- The mock interview's timer ---- */

  function spentOnCurrent() {
    return (session.spent[session.pos] || 0) + (session.shownAt ? Date.now() - session.shownAt : 0);
  }

  function tick() {
    var left = session.seconds - spentOnCurrent() / 1000;
    $("pb-timer-value").textContent = clock(left);
    var over = left <= 0;
    $("pb-timer").classList.toggle("over", over);
    if (over && !session.timeUp) {
      session.timeUp = true;
      sessionStatus.textContent = t("study.time_up", "Time is up for this question.");
    }
  }

  function startTimer() {
    session.shownAt = Date.now();
    session.timeUp = spentOnCurrent() >= session.seconds * 1000;
    tick();
    session.timer = setInterval(tick, 1000);
  }

  function stopTimer() {
    if (session.timer) { clearInterval(session.timer); }
    if (session.shownAt) { session.spent[session.pos] = spentOnCurrent(); }
    session.timer = null;
    session.shownAt = 0;
  }

  /* ---- The end of a session ---- */

  function finish() {
    if (!session) { return; }
    stopTimer();
    var s = session;
    var allCards = plural(s.cards.length, "study.n_cards", ["{n} card", "{n} cards"]);
    var seen = s.reached === s.cards.length ? allCards : t("study.n_of_cards", "{n} of {cards}", { n: s.reached, cards: allCards });
    var counts = [0, 0, 0, 0];
    s.grades.forEach(function (g) { if (g) { counts[g - 1] += 1; } });
    var graded = counts[0] + counts[1] + counts[2] + counts[3];
    var urls = s.cards.map(function (c) { return c.url; });
    var sum = store.summarize(urls, S.today());
    $("pb-progress").value = s.cards.length;
    $("pb-summary-title").textContent = s.mock ? t("study.mock_complete", "Mock interview complete") : t("study.session_complete", "Session complete");
    var text = t("study.summary", "You went through {seen} and graded {graded}. Known now: {known} of {total} in this deck.",
      { seen: seen, graded: graded, known: sum.known, total: sum.total });
    if (s.mock) {
      var total = s.spent.reduce(function (a, b) { return a + (b || 0); }, 0);
      text = t("study.mock_summary", "You went through {questions} in {time}. Known now: {known} of {total}.",
        { questions: plural(s.reached, "study.n_questions", ["{n} question", "{n} questions"]), time: clock(total / 1000), known: sum.known, total: sum.total });
    }
    $("pb-summary-text").textContent = text;
    var dl = $("pb-summary-grades");
    dl.textContent = "";
    S.GRADE_LABELS.forEach(function (label, i) {
      var dt = document.createElement("dt");
      dt.textContent = label;
      var dd = document.createElement("dd");
      dd.textContent = String(counts[i]);
      dl.appendChild(dt);
      dl.appendChild(dd);
    });
    var list = $("pb-summary-list");
    list.textContent = "";
    var missed = [];
    s.cards.forEach(function (c, i) { if (s.grades[i] === 1) { missed.push(c); } });
    var rows = s.mock ? s.cards.slice(0, s.reached).map(function (c, i) { return i; }) : missed.map(function (c) { return s.cards.indexOf(c); });
    if (rows.length) {
      var h = document.createElement("h3");
      h.textContent = s.mock ? t("study.your_questions", "Your questions") : t("study.to_review", "To review again");
      var ul = document.createElement("ul");
      ul.className = "summary-list";
      rows.forEach(function (i) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = S.root + s.cards[i].url;
        a.textContent = s.titles[i] || s.cards[i].url;
        li.appendChild(a);
        if (s.mock) {
          var note = clock((s.spent[i] || 0) / 1000) + ", " + (s.answered[i] ? t("study.answer_shown", "answer shown") : t("study.answer_not_shown", "answer not shown"));
          if (s.grades[i]) { note += ", " + t("study.graded", "graded {grade}", { grade: S.GRADE_LABELS[s.grades[i] - 1].toLowerCase() }); }
          li.appendChild(document.createTextNode(" (" + note + ")"));
        }
        ul.appendChild(li);
      });
      list.appendChild(h);
      list.appendChild(ul);
    }
    var again = $("pb-again-missed");
    again.hidden = missed.length === 0;
    again.textContent = t("study.again_missed_n", ["Study the {n} missed card again", "Study the {n} missed cards again"], { n: missed.length });
    session.missed = missed;
    show(summaryView);
    $("pb-summary-title").focus();
    S.refreshProgress();
  }

  $("pb-again-missed").addEventListener("click", function () {
    if (session && session.missed && session.missed.length) { start(session.missed, { mock: false }); }
  });

  $("pb-new-deck").addEventListener("click", function () {
    session = null;
    show(setup);
    updateCounts();
    form.querySelector("input, select").focus();
  });

  flipButton.addEventListener("click", flip);
  each(grades.querySelectorAll("[data-grade]"), function (b) {
    b.addEventListener("click", function () { grade(parseInt(b.getAttribute("data-grade"), 10)); });
  });
  $("pb-prev").addEventListener("click", function () { move(-1); });
  $("pb-next").addEventListener("click", function () { move(1); });
  $("pb-end").addEventListener("click", finish);

  document.addEventListener("keydown", function (e) {
    if (!session || sessionView.hidden || !S.plainKey(e)) { return; }
    var onControl = e.target && e.target.closest && e.target.closest("button, a");
    if (e.key === " " || e.key === "a" || e.key === "A") {
      if (onControl && e.key === " ") { return; }
      e.preventDefault();
      flip();
    } else if (e.key >= "1" && e.key <= "4" && e.key.length === 1) {
      e.preventDefault();
      grade(parseInt(e.key, 10));
    } else if (e.key === "ArrowRight") {
      e.preventDefault();
      move(1);
    } else if (e.key === "ArrowLeft") {
      e.preventDefault();
      move(-1);
    }
  });

  /* ---- Solved exercises (saved by python-ui.js) ---- */

  /* Lists the exercises the reader solved, newest first; links lead to their questions (the
     single-file export has no page per question, so there it names them only). */
  function showSolved() {
    var box = $("pb-solved");
    if (!box) { return; }
    var solved = store.exercises();
    var urls = Object.keys(solved).sort(function (a, b) { return Date.parse(solved[b].solved) - Date.parse(solved[a].solved); });
    box.textContent = "";
    box.hidden = !urls.length;
    if (!urls.length) { return; }
    var linked = document.documentElement.getAttribute("data-export") !== "true";
    var head = document.createElement("p");
    head.textContent = t("study.exercises_solved", "Exercises solved: {n}.", { n: urls.length });
    var list = document.createElement("ul");
    urls.slice(0, 50).forEach(function (url) {
      var li = document.createElement("li");
      var name = linked ? document.createElement("a") : document.createElement("span");
      if (linked) { name.href = S.root + url; }
      name.textContent = solved[url].title || url;
      li.appendChild(name);
      li.appendChild(document.createTextNode(" (" + solved[url].solved.slice(0, 10) + ")"));
      list.appendChild(li);
    });
    box.appendChild(head);
    box.appendChild(list);
  }

  /* ---- The desired retention ---- */

  var retentionInput = $("pb-retention");
  var retentionStatus = $("pb-retention-status");

  function showRetention() {
    retentionInput.value = String(Math.round(store.retention() * 100));
  }

  retentionInput.addEventListener("change", function () {
    var percent = Number(retentionInput.value);
    var min = Math.round(Scheduler.RETENTION.min * 100);
    var max = Math.round(Scheduler.RETENTION.max * 100);
    if (!(Math.floor(percent) === percent && percent >= min && percent <= max)) {
      retentionStatus.textContent = t("study.retention_invalid", "Choose a whole number from {min} to {max}; the schedule still aims at {percent}%.",
        { min: min, max: max, percent: Math.round(store.retention() * 100) });
      return;
    }
    retentionStatus.textContent = store.setRetention(percent / 100) ?
      t("study.retention_set", "From now on, cards are scheduled for {percent}% recall.", { percent: percent }) : store.error;
  });
  showRetention();

  /* ---- Your data: export, import, reset ---- */

  var dataStatus = $("pb-data-status");

  function say(text, isError) {
    dataStatus.textContent = text;
    dataStatus.classList.toggle("error", !!isError);
  }

  function fileName() {
    var slug = S.guide.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "guide";
    return "prepbook-progress-" + slug + "-" + S.today() + ".json";
  }

  $("pb-export").addEventListener("click", function () {
    var text = store.exportJson(new Date());
    var n = Object.keys(store.all()).length;
    var url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    var a = document.createElement("a");
    a.href = url;
    a.download = fileName();
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
    say(t("study.saved", "Saved the progress of {questions} to {file}.", { questions: plural(n, "study.n_questions", ["{n} question", "{n} questions"]), file: a.download }));
  });

  var importInput = $("pb-import");
  $("pb-import-button").addEventListener("click", function () { importInput.click(); });
  importInput.addEventListener("change", function () {
    var file = importInput.files && importInput.files[0];
    if (!file) { return; }
    var reader = new FileReader();
    reader.onload = function () {
      var result = store.importJson(String(reader.result));
      importInput.value = "";
      if (!result.ok) {
        say(t("study.import_failed", "Nothing was imported. {error} Your progress is unchanged.", { error: result.error }), true);
        return;
      }
      say(t("study.imported", "Imported {file}: {added} added, {updated} updated with newer progress, {grades} added to the review log", {
        file: file.name,
        added: plural(result.added, "study.n_questions", ["{n} question", "{n} questions"]),
        updated: result.updated,
        grades: plural(result.grades, "study.n_grades_added", ["{n} grade", "{n} grades"])
      }) + (result.solved ? t("study.imported_solved", ", {solved} added.", {
        solved: plural(result.solved, "study.n_solved", ["{n} solved exercise", "{n} solved exercises"])
      }) : t("study.imported_end", ".")));
      showRetention();
      updateCounts();
      showSolved();
      S.refreshProgress();
    };
    reader.onerror = function () {
      importInput.value = "";
      say(t("study.import_unreadable", "Nothing was imported: the file could not be read. Your progress is unchanged."), true);
    };
    reader.readAsText(file);
  });

  var confirmBox = $("pb-reset-confirm");
  $("pb-reset").addEventListener("click", function () {
    confirmBox.hidden = false;
    $("pb-reset-no").focus();
  });
  $("pb-reset-no").addEventListener("click", function () {
    confirmBox.hidden = true;
    $("pb-reset").focus();
  });
  $("pb-reset-yes").addEventListener("click", function () {
    var ok = store.reset();
    confirmBox.hidden = true;
    $("pb-reset").focus();
    say(ok ? t("study.reset_done", "All progress for this guide was deleted.") : t("study.reset_failed", "Progress could not be deleted: storage is turned off."), !ok);
    showRetention();
    updateCounts();
    showSolved();
    S.refreshProgress();
  });

  /* ---- Start-up ---- */

  $("pb-deck-match").textContent = t("study.loading_deck", "Loading the deck\u2026");
  $("pb-start").disabled = true;
  S.loadDeck(function (err, d) {
    if (err) {
      $("pb-deck-match").textContent = t("study.deck_failed", "The study data could not be loaded ({error}).", { error: err.message });
      return;
    }
    deck = d;
    updateCounts();
  });

  showSolved();
  window.addEventListener("storage", function () { if (!session) { updateCounts(); } showSolved(); });
})();
