/* Prepbook's Python in the page, the reader's side: Run, Edit, Reset and Stop under each Python
   example the page can run, and on an exercise an editor with Run tests and Show solution. A
   solved exercise is saved in study mode's progress (study-store.js). Builds on python.js
   (window.PrepbookPython) and reads the markup described in docs/content/themes.md ("The markup
   of code blocks and exercises"). PrepbookPythonUI.attach(root) wires what `root` holds, once
   each; the questions the single-file export renders later are wired when it announces them
   (its "prepbook:built" event). Plain script, so it
   runs from file:// as well as over HTTP. */
(function () {
  "use strict";

  var Python = window.PrepbookPython;
  var t = window.PrepbookText;
  if (!Python || !t) { return; }

  var INDENT = "    ";
  var KEYS_HELP = t("python.keys_help", "Tab indents, Shift+Tab dedents, Ctrl+Enter runs, Esc leaves the editor.");
  /* True once the runtime has answered on this page (and not been stopped since): later runs
     need no "Loading" note. */
  var loaded = false;
  var editors = 0;
  var examples = 0;
  var EXAMPLES = '.code-block[data-run="browser"][data-role="example"]';

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function button(text, cls, label) {
    var b = el("button", "button " + cls, text);
    b.type = "button";
    if (label) { b.setAttribute("aria-label", label); }
    return b;
  }

  function store() {
    var study = window.PrepbookStudy;
    if (study && study.store) { return study.store; }
    if (!window.PrepbookStore) { return null; }
    var storage = null;
    try { storage = window.localStorage; } catch (e) { storage = null; }
    var html = document.documentElement;
    return window.PrepbookStore.open(html.getAttribute("data-guide") || document.title, storage);
  }

  /* ---- Output ---- */

  /** The output under a block: a live region that takes stdout, stderr (styled apart) and notes. */
  function Output(label) {
    this.pre = el("pre", "code-output");
    this.pre.setAttribute("role", "status");
    this.pre.setAttribute("aria-live", "polite");
    this.pre.setAttribute("aria-atomic", "false");
    this.pre.setAttribute("aria-label", label);
    this.pre.tabIndex = 0;
    this.pre.hidden = true;
    this.waiting = null;
    this.empty = true;
  }

  Output.prototype.start = function () {
    this.pre.textContent = "";
    this.pre.hidden = false;
    this.empty = true;
    this.waiting = loaded ? null : this.note(t("python.loading", "Loading Python\u2026"));
  };

  Output.prototype.unwait = function () {
    if (this.waiting && this.waiting.parentNode) { this.waiting.parentNode.removeChild(this.waiting); }
    this.waiting = null;
  };

  Output.prototype.write = function (stream, text) {
    loaded = true;
    this.unwait();
    this.empty = false;
    this.pre.appendChild(el("span", stream === "stderr" ? "out-err" : "out", text + "\n"));
  };

  Output.prototype.note = function (text, cls) {
    var span = el("span", "out-note" + (cls ? " " + cls : ""), text + "\n");
    this.pre.appendChild(span);
    return span;
  };

  /** A run that ended: `outcome` is python.js's report, or an Error when Python did not start. */
  Output.prototype.end = function (outcome) {
    this.unwait();
    if (outcome instanceof Error) {
      this.note(failedStart(outcome), "out-failed");
      return;
    }
    loaded = true;
    if (outcome.stopped) {
      // Stop ends the runtime: the next run starts a fresh one, which takes a moment again.
      loaded = false;
      this.note(t("python.stopped", "Stopped."));
      return;
    }
    // A block's traceback came as stderr already; an error of the runtime itself did not.
    if (!outcome.ok && outcome.error && this.empty) { this.write("stderr", outcome.error); }
    if (this.empty && outcome.ok) { this.note(t("python.printed_nothing", "(The code printed nothing.)")); }
  };

  function failedStart(error) {
    var why = String((error && error.message) || error);
    if (/could not be downloaded|Failed to fetch|NetworkError|integrity/i.test(why)) {
      return t("python.download_failed", "Python could not be downloaded: {error}. Running code on this site needs the network, " +
        "to download Python; the rest of the page works without it. Try again when you are online.", { error: why });
    }
    return t("python.start_failed", "Python could not be started: {error}.", { error: why });
  }

  /* ---- Running ---- */

  /**
   * Runs `job` on the page's runtime: job.start(runtime) returns the run's Promise; Run is
   * swapped for Stop while it lasts (focus follows), and job.end(outcome) gets the result.
   */
  function launch(controls, output, job) {
    var runtime = Python.forPage();
    output.start();
    if (!runtime) { output.end(new Error("this page has no Python runtime")); return; }
    if (runtime.busy()) {
      output.unwait();
      output.note(t("python.busy", "Another block is running: stop it, or wait for it to finish, then run this one."), "out-failed");
      return;
    }
    controls.running(true);
    job.start(runtime, function (stream, text) { output.write(stream, text); }).then(function (outcome) {
      controls.running(false);
      job.end(outcome);
    }, function (error) {
      controls.running(false);
      job.end(error instanceof Error ? error : new Error(String(error)));
    });
    controls.stop.onclick = function () { runtime.stop(); };
  }

  /** Run and Stop take turns in one place; whoever had the focus hands it to the other. */
  function Controls(run, stop) {
    this.run = run;
    this.stop = stop;
    stop.hidden = true;
  }

  Controls.prototype.running = function (on) {
    var had = document.activeElement === (on ? this.run : this.stop);
    this.run.hidden = on;
    this.stop.hidden = !on;
    if (had) { (on ? this.stop : this.run).focus(); }
  };

  /* ---- The editor ---- */

  /** A text area for code: Tab indents, Shift+Tab dedents, Ctrl/Cmd+Enter runs, Esc leaves. */
  function editor(code, label, onRun, onLeave) {
    editors += 1;
    var area = el("textarea", "code-editor");
    area.value = code;
    area.setAttribute("aria-label", label);
    area.setAttribute("spellcheck", "false");
    area.setAttribute("autocapitalize", "off");
    area.setAttribute("autocomplete", "off");
    area.setAttribute("wrap", "off");
    var help = el("p", "code-keys", KEYS_HELP);
    help.id = "pb-code-keys-" + editors;
    area.setAttribute("aria-describedby", help.id);
    function fit() { area.rows = Math.max(3, area.value.split("\n").length + 1); }
    fit();
    area.addEventListener("input", fit);
    area.addEventListener("keydown", function (e) {
      if (e.key === "Tab" && !e.ctrlKey && !e.altKey && !e.metaKey) {
        e.preventDefault();
        indent(area, e.shiftKey);
        fit();
      } else if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        onRun();
      } else if (e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        onLeave();
      }
    });
    return { area: area, help: help };
  }

  /** Replaces `from`..`to` of the text area with `text`, keeping the browser's undo. */
  function replace(area, from, to, text) {
    area.setSelectionRange(from, to);
    var done = false;
    try { done = document.execCommand("insertText", false, text); } catch (e) { done = false; }
    if (!done) { area.setRangeText(text, from, to, "end"); }
  }

  /** Tab: four spaces at the caret, or before every selected line; Shift+Tab takes up to four
      spaces off the start of the caret's or every selected line. */
  function indent(area, dedent) {
    var value = area.value;
    var start = area.selectionStart;
    var end = area.selectionEnd;
    if (!dedent && start === end) {
      replace(area, start, end, INDENT);
      return;
    }
    var from = value.lastIndexOf("\n", start - 1) + 1;
    var lastEnd = end > start && value.charAt(end - 1) === "\n" ? end - 1 : end;
    var to = value.indexOf("\n", lastEnd);
    if (to < 0) { to = value.length; }
    var lines = value.slice(from, to).split("\n");
    var firstShift = 0;
    var total = 0;
    var changed = lines.map(function (line, i) {
      var shift;
      if (dedent) {
        shift = -Math.min(line.length - line.replace(/^ +/, "").length, INDENT.length);
        line = line.slice(-shift);
      } else {
        shift = INDENT.length;
        line = INDENT + line;
      }
      if (i === 0) { firstShift = shift; }
      total += shift;
      return line;
    }).join("\n");
    if (changed === value.slice(from, to)) { return; }
    replace(area, from, to, changed);
    area.setSelectionRange(Math.max(from, start + firstShift), Math.max(from, end + total));
  }

  /* ---- Examples ---- */

  function example(block, name) {
    var source = block.getAttribute("data-source");
    var pre = block.querySelector("pre.hl-code");
    if (source === null || !pre) { return; }
    var bar = el("div", "code-run");
    var run = button(t("python.run", "Run"), "run-code", name ? t("python.run_name", "Run {name}", { name: name }) : "");
    var edit = button(t("python.edit", "Edit"), "edit-code", name ? t("python.edit_name", "Edit {name}", { name: name }) : "");
    var reset = button(t("python.reset", "Reset"), "reset-code", name ? t("python.reset_name", "Reset {name}", { name: name }) : "");
    var stop = button(t("python.stop", "Stop"), "stop-code", name ? t("python.stop_name", "Stop {name}", { name: name }) : "");
    reset.hidden = true;
    bar.appendChild(run);
    bar.appendChild(stop);
    bar.appendChild(edit);
    bar.appendChild(reset);
    var output = new Output(t("python.output_of", "Output of {name}", { name: name || t("python.the_example", "the example") }));
    var controls = new Controls(run, stop);
    var ed = null;

    function go() {
      var code = ed ? ed.area.value : source;
      launch(controls, output, {
        start: function (runtime, onOutput) { return runtime.run(code, onOutput); },
        end: function (outcome) { output.end(outcome); }
      });
    }

    function open() {
      ed = editor(source, t("python.code_of", "Code of {name}", { name: name || t("python.the_example", "the example") }), go, function () { (run.hidden ? stop : run).focus(); });
      pre.hidden = true;
      block.insertBefore(ed.area, pre.nextSibling);
      block.insertBefore(ed.help, bar);
      edit.hidden = true;
      reset.hidden = false;
      ed.area.focus();
    }

    function close() {
      if (!ed) { return; }
      block.removeChild(ed.area);
      block.removeChild(ed.help);
      ed = null;
      pre.hidden = false;
      reset.hidden = true;
      edit.hidden = false;
      edit.focus();
    }

    run.addEventListener("click", go);
    edit.addEventListener("click", open);
    reset.addEventListener("click", close);
    block.appendChild(bar);
    block.appendChild(output.pre);
  }

  /* ---- Exercises ---- */

  function day(iso) {
    var lang = document.documentElement.getAttribute("lang") || undefined;
    try {
      return new Date(iso).toLocaleDateString(lang, { year: "numeric", month: "long", day: "numeric" });
    } catch (e) {
      return iso.slice(0, 10);
    }
  }

  function exercise(section) {
    var key = section.getAttribute("data-exercise") || "";
    var starter = section.querySelector('.code-block[data-role="exercise"]');
    var testsBlock = section.querySelector('.code-block[data-role="tests"]');
    var solutionBox = section.querySelector("details.exercise-solution");
    var heading = section.querySelector("h2, h3, h4, h5, h6");
    if (!starter || !testsBlock || !solutionBox) { return; }
    var source = starter.getAttribute("data-source") || "";
    var tests = testsBlock.getAttribute("data-source") || "";
    var pre = starter.querySelector("pre.hl-code");

    var solvedLine = el("p", "exercise-solved");
    solvedLine.hidden = true;
    var bar = el("div", "code-run");
    var run = button(t("python.run_tests", "Run tests"), "primary run-tests");
    var stop = button(t("python.stop", "Stop"), "stop-code", t("python.stop_tests", "Stop the tests"));
    var reset = button(t("python.reset", "Reset"), "reset-code", t("python.reset_to_starter", "Reset your code to the starter code"));
    var show = button(t("python.show_solution", "Show solution"), "show-solution");
    reset.hidden = true;
    [run, stop, reset, show].forEach(function (b) { bar.appendChild(b); });
    var results = el("div", "exercise-results");
    results.setAttribute("role", "status");
    results.setAttribute("aria-live", "polite");
    var output = new Output(t("python.output_of_yours", "Output of your code"));
    var controls = new Controls(run, stop);
    var ran = false;

    var ed = editor(source, t("python.your_code", "Your code for the exercise"), go, function () { (run.hidden ? stop : run).focus(); });
    if (pre) { pre.hidden = true; }
    starter.insertBefore(ed.area, pre ? pre.nextSibling : null);
    starter.appendChild(ed.help);
    starter.appendChild(bar);
    starter.appendChild(results);
    starter.appendChild(output.pre);
    run.addEventListener("click", go);
    ed.area.addEventListener("input", function () { reset.hidden = ed.area.value === source; });
    reset.addEventListener("click", function () {
      ed.area.value = source;
      ed.area.rows = Math.max(3, source.split("\n").length + 1);
      reset.hidden = true;
      ed.area.focus();
    });
    if (heading) { heading.parentNode.insertBefore(solvedLine, heading.nextSibling); }
    showSolved();

    function showSolved() {
      var s = store();
      var when = s && s.solvedOn(key);
      solvedLine.hidden = !when;
      solvedLine.textContent = when ? t("python.solved_on", "Solved on {day}.", { day: day(when) }) : "";
    }

    function go() {
      results.textContent = "";
      launch(controls, output, {
        start: function (runtime, onOutput) { return runtime.runExercise(ed.area.value, tests, onOutput); },
        end: report
      });
    }

    function report(outcome) {
      ran = true;
      results.textContent = "";
      if (outcome instanceof Error || outcome.stopped || outcome.ok === false) {
        output.end(outcome);
        return;
      }
      output.end({ ok: true });
      if (output.empty) { output.pre.hidden = true; }
      if (outcome.error) {
        var why = outcome.stage === "tests" ? t("python.tests_error", "The tests could not run: they raised an error before any test.")
          : outcome.stage === "code" ? t("python.code_error", "Your code raised an error before the tests ran:") : t("python.not_finished", "The run did not finish:");
        results.appendChild(el("p", "tests-summary tests-failed", why));
        results.appendChild(el("pre", "code-output out-err", outcome.error));
        return;
      }
      var list = outcome.results || [];
      if (!list.length) {
        results.appendChild(el("p", "tests-summary tests-failed", t("python.no_tests", "The tests block has no test.")));
        return;
      }
      var passed = list.filter(function (r) { return r.passed; }).length;
      var solved = passed === list.length;
      var summary = solved
        ? (list.length === 1 ? t("python.one_passed", "The test passed: solved!") : t("python.all_passed", "All {n} tests passed: solved!", { n: list.length }))
        : t("python.some_passed", "{passed} of {n} tests passed.", { passed: passed, n: list.length });
      results.appendChild(el("p", "tests-summary " + (solved ? "tests-passed" : "tests-failed"), summary));
      var ul = el("ul", "test-list");
      list.forEach(function (r) {
        var li = el("li", r.passed ? "test-passed" : "test-failed");
        li.appendChild(el("span", "test-mark", r.passed ? "\u2713" : "\u2717")).setAttribute("aria-hidden", "true");
        li.appendChild(document.createTextNode(" "));
        li.appendChild(el("code", "test-name", r.name));
        li.appendChild(document.createTextNode(" " + (r.passed ? t("python.passed", "passed") : t("python.failed", "failed"))));
        if (!r.passed && r.message) {
          li.appendChild(document.createTextNode(": "));
          li.appendChild(el("span", "test-message", r.message));
        }
        ul.appendChild(li);
      });
      results.appendChild(ul);
      if (solved) {
        var s = store();
        var title = document.querySelector("h1");
        if (s && !s.solveExercise(key, new Date(), title ? title.textContent.trim() : "")) {
          results.appendChild(el("p", "tests-failed", s.error || t("python.not_saved", "Your progress could not be saved.")));
        }
        showSolved();
      }
    }

    /* Show solution: at once after a run; before one, after an in-page confirmation. */
    solutionBox.hidden = true;
    var confirmBox = el("div", "confirm exercise-confirm");
    confirmBox.setAttribute("role", "group");
    confirmBox.hidden = true;
    editors += 1;
    var question = el("p", "", t("python.confirm_solution", "Show the solution before you have run your code? Trying first is what makes it stick."));
    question.id = "pb-solution-question-" + editors;
    confirmBox.setAttribute("aria-labelledby", question.id);
    var yes = button(t("python.show_the_solution", "Show the solution"), "");
    var no = button(t("python.keep_trying", "Keep trying"), "");
    var row = el("p");
    row.appendChild(yes);
    row.appendChild(document.createTextNode(" "));
    row.appendChild(no);
    confirmBox.appendChild(question);
    confirmBox.appendChild(row);
    starter.insertBefore(confirmBox, results);

    function reveal() {
      confirmBox.hidden = true;
      show.hidden = true;
      solutionBox.hidden = false;
      solutionBox.open = true;
      var summary = solutionBox.querySelector("summary");
      if (summary) { summary.focus(); }
    }
    show.addEventListener("click", function () {
      if (ran) { reveal(); return; }
      confirmBox.hidden = false;
      no.focus();
    });
    yes.addEventListener("click", reveal);
    no.addEventListener("click", function () {
      confirmBox.hidden = true;
      ed.area.focus();
    });
    window.addEventListener("storage", showSolved);
  }

  /* ---- Wiring ---- */

  function once(node) {
    if (node.getAttribute("data-python-ui")) { return false; }
    node.setAttribute("data-python-ui", "true");
    return true;
  }

  /** Wires the runnable examples and exercises inside `root` (a document or an element). */
  function attach(root) {
    root = root || document;
    var blocks = Array.prototype.filter.call(root.querySelectorAll(EXAMPLES), once);
    // Buttons name their block ("Run example 2") when the page has more than one.
    var many = document.querySelectorAll(EXAMPLES).length > 1;
    blocks.forEach(function (block) {
      examples += 1;
      example(block, many ? t("python.example_n", "example {n}", { n: examples }) : "");
    });
    Array.prototype.filter.call(root.querySelectorAll('section.exercise[data-run="browser"]'), once).forEach(exercise);
  }

  window.PrepbookPythonUI = { attach: attach };
  attach(document);
  // The single-file export renders its questions later, chunk by chunk, and says so.
  document.addEventListener("prepbook:built", function (e) {
    var chunk = e.detail && e.detail.chunk;
    var holder = chunk !== undefined && document.querySelector('.export-chunk[data-chunk="' + chunk + '"]');
    attach(holder || document);
  });
})();
