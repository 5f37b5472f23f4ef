const path = require("path");
const { chromium } = require(path.join(__dirname, "..", "..", "tests", "browser", "node_modules", "playwright-core"));
(async () => {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
  const page = await browser.newPage();
  page.on("console", (m) => console.log("console:", m.text()));
  await page.goto("file://" + path.join(__dirname, "probe.html"));
  const r = await page.evaluate(async () => {
    const res = {};
    for (const type of ["classic", "module"]) {
      res[type] = await new Promise((ok) => {
        const src = type === "module"
          ? "postMessage('module plain ok')"
          : type === 'classic' ? "import(URL.createObjectURL(new Blob(['export default 42'], {type:'text/javascript'}))).then(m => postMessage('classic import ok ' + m.default), e => postMessage('classic import fails ' + e))"
          : "postMessage('classic ok')";
        try {
          const w = new Worker(URL.createObjectURL(new Blob([src], { type: "text/javascript" })), { type });
          w.onmessage = (e) => ok(e.data);
          w.onerror = (e) => ok("error " + e.message + " " + e.filename);
          setTimeout(() => ok("timeout"), 5000);
        } catch (e) { ok("throw " + e); }
      });
    }
    return res;
  });
  console.log(r);
  await browser.close();
})();
