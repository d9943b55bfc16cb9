// Loads a page written by `newsmark report` in headless Chromium and fails
// when it logs a console error or warning, throws, or makes any request but
// the page itself; checks that the tables sort when a heading is selected and
// that the print layout hides the navigation; writes a screenshot.
//
//   node render.mjs PAGE.html SCREENSHOT.png [HEIGHT]
//
// HEIGHT: the screenshot's height in pixels (default: the whole page).
// CHROMIUM: the browser (default: /usr/bin/chromium, Debian's package).
import puppeteer from "puppeteer-core";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";

const [pagePath, shot, height] = process.argv.slice(2);
if (!pagePath || !shot) {
  console.error("usage: node render.mjs PAGE.html SCREENSHOT.png [HEIGHT]");
  process.exit(2);
}
const url = pathToFileURL(resolve(pagePath)).href;
const problems = [];
const requests = [];

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    // Root in a container has no user namespace for the sandbox.
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND",
  ],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1200, height: 900 });
  page.on("console", (m) => {
    if (["error", "warning", "assert"].includes(m.type())) {
      problems.push(`console ${m.type()}: ${m.text()}`);
    }
  });
  page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
  page.on("request", (r) => requests.push(r.url()));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
  const response = await page.goto(url, { waitUntil: "networkidle0" });
  if (!response || !response.ok()) problems.push(`the page did not load: ${url}`);

  // Long tables start folded: unfold them to select their headings.
  await page.$$eval("details", (all) => all.forEach((d) => (d.open = true)));
  // The per-article table sorts: most quotations first, then the reverse.
  const quotations = () =>
    page.evaluate(() =>
      Array.from(document.querySelectorAll("#articles tbody tr"), (r) => Number(r.cells[3].dataset.v)),
    );
  const before = await quotations();
  const button = await page.$("#articles thead th:nth-child(4) button");
  if (!button) {
    problems.push("the sort script did not add buttons to the headings");
  } else {
    await button.click();
    const down = await quotations();
    await button.click();
    const up = await quotations();
    const sorted = (xs, sign) => xs.every((x, i) => i === 0 || sign * (x - xs[i - 1]) >= 0);
    const sort = await page.$eval("#articles thead th:nth-child(4)", (th) => th.getAttribute("aria-sort"));
    if (!sorted(down, -1) || !sorted(up, 1) || sort !== "ascending" || up.length !== before.length) {
      problems.push(`sorting by quotations gave ${down.slice(0, 20)}… then ${up.slice(0, 20)}… (aria-sort ${sort})`);
    }
    // Back to the first order, at the top, for the screenshot.
    await page.goto(url, { waitUntil: "networkidle0" });
    await page.evaluate(() => window.scrollTo(0, 0));
  }

  // Printed, the page drops its navigation.
  await page.emulateMediaType("print");
  const navShown = await page.$eval("nav", (n) => getComputedStyle(n).display !== "none");
  if (navShown) problems.push("the navigation is printed");
  await page.emulateMediaType("screen");

  const charts = await page.$$eval("svg[role=img]", (svgs) =>
    svgs.map((s) => document.getElementById(s.getAttribute("aria-labelledby"))?.textContent ?? ""),
  );
  if (charts.length === 0 || charts.some((t) => !t)) problems.push(`charts without a title: ${charts}`);

  if (height) {
    await page.screenshot({ path: shot, clip: { x: 0, y: 0, width: 1200, height: Number(height) } });
  } else {
    await page.screenshot({ path: shot, fullPage: true });
  }
  const elsewhere = requests.filter((r) => r !== url);
  if (elsewhere.length > 0) problems.push(`requests beyond the page: ${elsewhere.join(", ")}`);
  console.log(
    `${pagePath}: ${charts.length} charts, ${before.length} articles, ${new Set(requests).size} address loaded (the page's own); screenshot ${shot}`,
  );
} finally {
  await browser.close();
}
if (problems.length > 0) {
  for (const p of problems) console.error(`error: ${p}`);
  process.exit(1);
}
