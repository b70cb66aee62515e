// The committed web/verify.html is exactly a fresh build, and is self-contained.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { build, OUT } from "../build.mjs";

test("committed web/verify.html equals a fresh build (run node web/build.mjs)", () => {
  assert.equal(readFileSync(OUT, "utf8"), build());
});

test("verify.html loads nothing from elsewhere: only the draw's own files, by name, beside the page", () => {
  const html = readFileSync(OUT, "utf8");
  assert.doesNotMatch(html, /\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
  assert.doesNotMatch(html, /<(link|iframe|object|embed|img)\b/i);
  assert.doesNotMatch(html, /\b(XMLHttpRequest|WebSocket|EventSource|sendBeacon|importScripts)\s*\(/);
  const css = html.slice(html.indexOf("<style>"), html.indexOf("</style>"));
  assert.doesNotMatch(css, /@import|url\(/i);
  const csp = /Content-Security-Policy" content="([^"]*)"/.exec(html)[1].split(/;\s*/);
  assert.equal(csp[0], "default-src 'none'");
  // Served from a folder, the page reads the draw from that same origin (issue 29), nothing else.
  assert.ok(csp.includes("connect-src 'self'"), csp.join("; "));
  assert.deepEqual(csp.filter((d) => /^(connect|script|worker|img|style)-src/.test(d)).sort(), ["connect-src 'self'", "img-src data:", "script-src 'unsafe-inline'", "style-src 'unsafe-inline'", "worker-src blob:"]);
  // One fetch, of an address made from a name of SITE_FILES against the page's own address;
  // each name a bare file name, so in the page's own folder.
  assert.deepEqual(html.match(/\bfetch\s*\([^,)]*/g), ["fetch(url"]);
  assert.match(html, /names\.map\(\(n\) => new URL\(n, here\.href\)\.href\)/);
  const files = /const SITE_FILES = (\{[^;]*\});/.exec(html);
  assert.ok(files, "SITE_FILES is declared once");
  const names = Object.values(JSON.parse(files[1].replace(/(\w+):/g, '"$1":'))).flat();
  assert.ok(names.length >= 3);
  for (const n of names) assert.match(n, /^[a-z]+\.json$/, `${n} is a bare file name beside the page`);
  assert.equal((html.match(/<script/g) || []).length, 1);
});

test("the inlined script parses as a module", async () => {
  const html = readFileSync(OUT, "utf8");
  const js = html.slice(html.indexOf('<script type="module">') + 22, html.lastIndexOf("</script>"));
  // Syntax check only: running it would need a DOM.
  const AsyncFunction = (async () => {}).constructor; // the page's module awaits at top level
  new AsyncFunction(js.replace(/^export /gm, "")); // throws SyntaxError if broken
});
