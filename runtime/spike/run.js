// Spike: opens spike.html from file:// (or over HTTP when given a URL) in Debian's Chromium,
// refusing every request to another host, and prints what the worker reported.
const path = require("path");
const { chromium } = require(path.join(__dirname, "..", "..", "tests", "browser", "node_modules", "playwright-core"));
(async () => {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
  const page = await browser.newPage();
  const refused = [];
  await page.context().route("**/*", (route) => {
    const u = route.request().url();
    if (u.startsWith("file:") || u.startsWith("blob:") || u.startsWith("data:") || (process.argv[2] && process.argv[2] !== "file" && u.startsWith(process.argv[2]))) return route.continue();
    refused.push(u);
    return route.abort();
  });
  page.on("console", (m) => console.log("console:", m.text()));
  const code = process.argv[3] ? require("fs").readFileSync(process.argv[3], "utf8") : "";
  const base = process.argv[2] && process.argv[2] !== "file" ? process.argv[2] + "/" + (process.env.PAGE || "spike.html") : "file://" + path.join(__dirname, process.env.PAGE || "spike.html");
  const url = code ? base + "#" + encodeURIComponent(code) : base;
  await page.goto(url);
  await page.waitForSelector("#out[data-done]", { timeout: 120000 });
  console.log(await page.textContent("#out"));
  console.log("refused:", refused);
  await browser.close();
})();
