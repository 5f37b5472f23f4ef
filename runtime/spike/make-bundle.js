// Spike: writes one classic script per runtime file, registering its gzipped bytes as base64,
// so a page opened from file:// can load the runtime with <script> elements only.
const fs = require("fs");
const zlib = require("zlib");
const path = require("path");
const src = path.join(__dirname, "..", "pyodide", "node_modules", "pyodide");
const out = path.join(__dirname, "out");
fs.mkdirSync(out, { recursive: true });
const files = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"];
for (const name of files) {
  const raw = fs.readFileSync(path.join(src, name));
  const gz = zlib.gzipSync(raw, { level: 9 });
  const js = `(window.PREPBOOK_PY ||= {})[${JSON.stringify(name)}] = "${gz.toString("base64")}";\n`;
  fs.writeFileSync(path.join(out, name + ".js"), js);
  // The form themes/default/static/python.js reads: a PrepbookData registration.
  const reg = `PrepbookData.register("python", ${JSON.stringify(name)}, "${gz.toString("base64")}");\n`;
  fs.mkdirSync(path.join(out, "python"), { recursive: true });
  fs.writeFileSync(path.join(out, "python", name + ".js"), reg);
  console.log(`${name}\traw ${raw.length}\tgzip ${gz.length}\tscript ${js.length}`);
}
const runner = fs.readFileSync(path.join(__dirname, "..", "..", "src", "testing", "exercise_runner.py"), "utf8");
fs.writeFileSync(path.join(out, "runner.js"), `window.PREPBOOK_RUNNER = ${JSON.stringify(runner)};\n`);
const runnerGz = zlib.gzipSync(Buffer.from(runner, "utf8")).toString("base64");
fs.writeFileSync(path.join(out, "python", "exercise_runner.py.js"), `PrepbookData.register("python", "exercise_runner.py", "${runnerGz}");\n`);
