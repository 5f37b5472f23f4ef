/* Prepbook's Python runtime in the page (Pyodide): loads it on the first run, runs code in a
   worker so the page never freezes, stops a run by ending the worker. Works from file:// too:
   the runtime's files arrive as bytes (from data scripts registered with PrepbookData, or
   fetched from the CDN), the worker is a classic one built from a Blob URL, and Pyodide's own
   scripts are import()ed from Blob URLs. See docs/content/running-code.md, "In the browser".

   PrepbookPython.create(source) returns a runtime; source(name) gives a Promise of one file's
   bytes (a Uint8Array): the four of FILES, and "exercise_runner.py" (Prepbook's runner).
   runtime.run(code, onOutput) resolves to {ok, error}; onOutput(stream, text) gets
   "stdout"/"stderr" lines as they come. runtime.runExercise(code, tests, onOutput)
   resolves to the exercise runner's report. runtime.stop() ends the run under way (it resolves
   with {ok: false, stopped: true}); the next run starts a fresh worker. Where no worker can
   start, the runtime runs in the page and a run stops at a time limit (options.timeLimit
   seconds, 10 by default) with a TimeLimit error (an exercise's report has stage "limit"). */
(function () {
  "use strict";

  // The files a run needs, in the order the worker uses them.
  var FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"];
  // Prepbook's exercise runner (src/testing/exercise_runner.py), written by the build beside them.
  var RUNNER = "exercise_runner.py";

  // Runs inside the worker (turned into source text with toString: it sees nothing of this file).
  function workerMain() {
    var BASE = "https://runtime.prepbook.invalid/";
    var files = null;
    var pyodide = null;
    // Pyodide refuses classic workers by probing importScripts; this worker never uses it.
    self.importScripts = function () { throw new Error("importScripts is not used here"); };
    var realFetch = self.fetch;
    self.fetch = function (url, init) {
      var u = String(url);
      if (u.indexOf(BASE) !== 0) { return realFetch(url, init); }
      var bytes = files[u.slice(BASE.length)];
      if (!bytes) { return Promise.resolve(new Response("", { status: 404 })); }
      var type = /\.wasm$/.test(u) ? "application/wasm" : "application/octet-stream";
      return Promise.resolve(new Response(bytes, { headers: { "Content-Type": type } }));
    };
    function blobImport(bytes) {
      return import(URL.createObjectURL(new Blob([bytes], { type: "text/javascript" })));
    }
    function send(stream) {
      return function (text) { self.postMessage({ type: "output", stream: stream, text: text }); };
    }
    async function start(data) {
      files = data.files;
      var loader = await blobImport(files["pyodide.mjs"]);
      var asm = await blobImport(files["pyodide.asm.mjs"]);
      pyodide = await loader.loadPyodide({
        indexURL: BASE,
        createPyodideModule: asm.default,
        lockFileContents: data.lock,
        stdout: send("stdout"),
        stderr: send("stderr"),
      });
      pyodide.setStdin({ error: true });
      pyodide.FS.writeFile("/home/pyodide/exercise_runner.py", data.runner);
      pyodide.runPython(data.helper);
    }
    self.onmessage = async function (event) {
      var m = event.data;
      try {
        if (m.type === "start") {
          await start(m);
          self.postMessage({ type: "ready" });
        } else if (m.type === "run") {
          // callPromising lets the code block on what the runtime awaits (asyncio.run, which
          // needs the browser's stack switching); a plain call where the browser lacks it.
          var fn = pyodide.globals.get("_prepbook_" + m.kind);
          var args = [m.code, m.tests || "", m.limit || 0];
          var report = fn.callPromising ? await fn.callPromising.apply(fn, args) : fn.apply(null, args);
          self.postMessage({ type: "done", id: m.id, report: JSON.parse(report) });
        }
      } catch (e) {
        self.postMessage({ type: "failed", id: m.id, error: String((e && e.stack) || e) });
      }
    };
  }

  // Python the worker runs once: a fresh namespace per run, the code written to a file so
  // tracebacks quote its lines, input() replaced by a clear error.
  // Each run starts as `prepbook test` starts one, as far as one interpreter allows: in a fresh
  // empty folder, with the path as before any run, every module the last run imported
  // forgotten (so `logging.basicConfig` and module state start afresh), and `__main__` a new
  // module (so pickle and typing find what the code defines), and its garbage collected
  // before the next run (so a run that leaves what the runtime cannot free fails itself).
  var HELPER = [
    "import builtins, gc, json, os, sys, tempfile, traceback, types",
    "sys.path.insert(0, '/home/pyodide')",
    "import exercise_runner",
    "def _no_input(prompt=''):",
    "    raise OSError('input() cannot read the keyboard in the page: put the value in the code')",
    "builtins.input = _no_input",
    "_prepbook_path = list(sys.path)",
    "_prepbook_limit = sys.getrecursionlimit()",
    "def _prepbook_fresh():",
    "    sys.path[:] = _prepbook_path",
    "    sys.setrecursionlimit(_prepbook_limit)",
    "    folder = tempfile.mkdtemp(prefix='run-')",
    "    os.chdir(folder)",
    "    sys.path.insert(0, folder)",
    "    return set(sys.modules)",
    "def _prepbook_forget(before):",
    "    for name in set(sys.modules) - before:",
    "        del sys.modules[name]",
    "    logging = sys.modules.get('logging')",
    "    if logging is not None:",
    "        logging.root.handlers.clear()",
    "        logging.root.setLevel(logging.WARNING)",
    "        logging.Logger.manager.loggerDict.clear()",
    "    gc.collect()",
    "    os.chdir('/home/pyodide')",
        "class TimeLimit(BaseException):",
    "    '''A run in the page (no worker) that went past its time limit.'''",
    "def _limit(seconds):",
    "    if not seconds:",
    "        return",
    "    import time",
    "    deadline = time.monotonic() + seconds",
    "    def check(frame, event, arg):",
    "        if time.monotonic() > deadline:",
    "            raise TimeLimit('stopped after %g s: this browser could not start a web worker, so Python runs in the page itself, with a time limit' % seconds)",
    "        return check",
    "    sys.settrace(check)",
    "def _prepbook_block(code, _tests, limit=0):",
    "    with open('/home/pyodide/main.py', 'w', encoding='utf-8') as f:",
    "        f.write(code)",
    "    main = types.ModuleType('__main__')",
    "    main.__file__ = '/home/pyodide/main.py'",
    "    main.__builtins__ = builtins",
    "    before = _prepbook_fresh()",
    "    sys.argv = ['main.py']",
    "    real_main = sys.modules['__main__']",
    "    sys.modules['__main__'] = main",
    "    try:",
    "        _limit(limit)",
    "        exec(compile(code, '/home/pyodide/main.py', 'exec'), main.__dict__)",
    "    except SystemExit as error:",
    "        sys.stdout.flush()",
    "        ok = error.code in (None, 0)",
    "        return json.dumps({'ok': ok, 'error': None if ok else 'SystemExit: ' + str(error.code)})",
    "    except BaseException as error:",
    "        text = ''.join(traceback.format_exception(type(error), error, error.__traceback__.tb_next))",
    "        if isinstance(error, TimeLimit):",
    "            frames = [f for f in traceback.extract_tb(error.__traceback__.tb_next) if f.filename != '<exec>']",
    "            text = 'Traceback (most recent call last):\\n' + ''.join(traceback.format_list(frames)) + 'TimeLimit: %s\\n' % error",
    "        sys.stdout.flush()",
    "        sys.stderr.write(text)",
    "        sys.stderr.flush()",
    "        return json.dumps({'ok': False, 'error': text})",
    "    finally:",
    "        sys.settrace(None)",
    "        sys.modules['__main__'] = real_main",
    "        main.__dict__.clear()",
    "        _prepbook_forget(before)",
    "    sys.stdout.flush()",
    "    return json.dumps({'ok': True, 'error': None})",
    "def _prepbook_exercise(code, tests, limit=0):",
    "    for name, text in (('exercise.py', code), ('tests.py', tests)):",
    "        with open('/home/pyodide/' + name, 'w', encoding='utf-8') as f:",
    "            f.write(text)",
    "    before = _prepbook_fresh()",
    "    try:",
    "        _limit(limit)",
    "        report = exercise_runner.run_exercise(code, tests, '/home/pyodide/exercise.py', '/home/pyodide/tests.py')",
    "    except TimeLimit as error:",
    "        report = {'error': 'TimeLimit: ' + str(error), 'stage': 'limit', 'results': []}",
    "    finally:",
    "        sys.settrace(None)",
    "        _prepbook_forget(before)",
    "    sys.stdout.flush()",
    "    return json.dumps(report)",
  ].join("\n");

  // A lock file with no packages: the page loads no wheels, so Pyodide needs only its ABI.
  var LOCK = {
    info: { abi_version: "2026_0", arch: "wasm32", platform: "emscripten_5_0_3", python: "3.14.2" },
    packages: {},
  };

  /**
   * Where no worker can start (new Worker throws), the worker's code runs in the page itself,
   * behind an object that talks like a worker. A run then holds the page until it ends, and
   * cannot be stopped from outside: the helper's time limit (sys.settrace) ends it instead.
   */
  function inPage(src) {
    var page = {
      inPage: true,
      onmessage: null,
      onerror: null,
      postMessage: function (m) { setTimeout(function () { if (self.onmessage) { self.onmessage({ data: m }); } }, 0); },
      terminate: function () { /* nothing runs between two messages */ },
    };
    var self = {
      onmessage: null,
      postMessage: function (m) { if (page.onmessage) { page.onmessage({ data: m }); } },
    };
    // The worker's code swaps fetch for one that serves the runtime's files from memory; in the
    // page, Pyodide calls the page's fetch, so the swap goes there (other URLs pass through).
    Object.defineProperty(self, "fetch", {
      get: function () { return window.fetch; },
      set: function (f) { window.fetch = f; },
    });
    Object.defineProperty(self, "importScripts", { get: function () { return undefined; }, set: function () {} });
    new Function("self", src)(self);
    return page;
  }

  function create(source, options) {
    // Seconds a run may take where it runs in the page (no worker to end).
    var timeLimit = (options && options.timeLimit) || 10;
    var bytes = null;
    var worker = null;
    var ready = null;
    var pending = null;
    var nextId = 1;
    // Counts Stops: a worker whose files were still loading when Stop was pressed is not made.
    var stops = 0;

    function allBytes() {
      if (!bytes) {
        var names = FILES.concat([RUNNER]);
        bytes = Promise.all(names.map(source)).then(function (list) {
          var files = {};
          names.forEach(function (name, i) { files[name] = list[i]; });
          return files;
        });
        bytes.catch(function () { bytes = null; });
      }
      return bytes;
    }

    function finish(outcome) {
      var p = pending;
      pending = null;
      if (p) { p.resolve(outcome); }
    }

    function startWorker() {
      if (ready) { return ready; }
      var stopsBefore = stops;
      ready = allBytes().then(function (files) {
        if (stops !== stopsBefore) { throw new Error("stopped before Python started"); }
        var src = "(" + workerMain.toString() + ")();";
        var w;
        try {
          if (typeof Worker !== "function") { throw new Error("this browser has no web workers"); }
          w = new Worker(URL.createObjectURL(new Blob([src], { type: "text/javascript" })));
        } catch (e) {
          w = inPage(src);
        }
        worker = w;
        return new Promise(function (resolve, reject) {
          var started = false;
          w.onmessage = function (event) {
            var m = event.data;
            if (m.type === "ready") { started = true; resolve(w); }
            else if (m.type === "output") { if (pending && pending.onOutput) { pending.onOutput(m.stream, m.text); } }
            else if (m.type === "done") { finish(m.report); }
            else if (m.type === "failed" && started) {
              // Python's own exceptions come back as a report; this is the runtime failing
              // (a WebAssembly trap, a stack overflow): it cannot run again, so the next run
              // starts a fresh worker.
              w.terminate();
              if (worker === w) { worker = null; ready = null; }
              finish({ ok: false, error: window.PrepbookText("python.runtime_stopped", "The Python runtime stopped: {error}. The next run starts it again.", { error: String(m.error).split("\n")[0] }) });
            }
            else if (m.type === "failed") {
              // The runtime did not start: the next run tries a fresh worker.
              w.terminate();
              reject(new Error(m.error));
            }
          };
          w.onerror = function (e) { reject(new Error(e.message || "the Python worker did not start")); };
          var runner = new TextDecoder().decode(files[RUNNER]);
          w.postMessage({ type: "start", files: files, lock: LOCK, runner: runner, helper: HELPER });
        });
      });
      ready.catch(function () { ready = null; worker = null; });
      return ready;
    }

    function run(kind, code, tests, onOutput) {
      if (pending) { return Promise.reject(new Error("a run is under way")); }
      return new Promise(function (resolve, reject) {
        var id = nextId++;
        pending = { resolve: resolve, onOutput: onOutput, id: id };
        startWorker().then(function (w) {
          if (pending && pending.id === id) {
            w.postMessage({ type: "run", kind: kind, id: id, code: code, tests: tests, limit: w.inPage ? timeLimit : 0 });
          }
        }, function (error) {
          // A Stop during the load has ended this run already, and another may have begun.
          if (pending && pending.id === id) { pending = null; }
          reject(error);
        });
      });
    }

    return {
      run: function (code, onOutput) { return run("block", code, "", onOutput); },
      runExercise: function (code, tests, onOutput) { return run("exercise", code, tests, onOutput); },
      stop: function () {
        stops++;
        if (worker) { worker.terminate(); }
        worker = null;
        ready = null;
        finish({ ok: false, stopped: true, error: null });
      },
      busy: function () { return pending !== null; },
    };
  }

  /** Bytes of a runtime file registered (gzipped, base64) by a data script of the site. */
  function localSource(dir) {
    return function (name) {
      return PrepbookData.load("python", name, dir + name + ".js").then(PrepbookData.inflate);
    };
  }

  /** Bytes of a runtime file as the site's runtime.js says: from the CDN, checked against its
      integrity hash (the browser refuses bytes that differ), or from the site's (or the
      export's) data scripts. The exercise runner always comes from the site. */
  function pageSource(dir) {
    var local = localSource(dir);
    return function (name) {
      return PrepbookData.load("python", "runtime", dir + "runtime.js").then(function (config) {
        if (config.runtime !== "cdn" || name === RUNNER) { return local(name); }
        var init = { integrity: (config.integrity || {})[name] || "", mode: "cors", credentials: "omit" };
        return fetch(config.cdn + name, init).then(function (r) {
          if (!r.ok) { throw new Error("the Python runtime could not be downloaded (" + r.status + " for " + name + ")"); }
          return r.arrayBuffer();
        }).then(function (b) { return new Uint8Array(b); });
      });
    };
  }

  // The page's runtime: its files are found from data-files on this script's element.
  var script = document.currentScript;
  var pageRuntime = null;
  function forPage() {
    if (!pageRuntime && script) {
      pageRuntime = create(pageSource(script.getAttribute("data-files") || "static/python/"));
    }
    return pageRuntime;
  }

  /** The site's runtime description ({runtime: "cdn" | "local" | "embedded", cdn, integrity}). */
  function describe() {
    var dir = script ? script.getAttribute("data-files") || "static/python/" : "static/python/";
    return PrepbookData.load("python", "runtime", dir + "runtime.js");
  }

  window.PrepbookPython = {
    create: create,
    localSource: localSource,
    forPage: forPage,
    describe: describe,
    files: FILES,
  };
})();
