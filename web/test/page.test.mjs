// The committed web/verify.html is exactly a fresh build, and is self-contained.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { build, OUT } from "../build.mjs";

test("committed web/verify.html equals a fresh build (run node web/build.mjs)", () => {
  assert.equal(readFileSync(OUT, "utf8"), build());
});

test("verify.html loads nothing from elsewhere", () => {
  const html = readFileSync(OUT, "utf8");
  assert.doesNotMatch(html, /\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
  assert.doesNotMatch(html, /<(link|iframe|object|embed|img)\b/i);
  assert.doesNotMatch(html, /\b(fetch|XMLHttpRequest|WebSocket|EventSource|sendBeacon|importScripts)\s*\(/);
  assert.doesNotMatch(html, /@import|url\(/i);
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  assert.equal((html.match(/<script/g) || []).length, 1);
});

test("the inlined script parses as a module", async () => {
  const html = readFileSync(OUT, "utf8");
  const js = html.slice(html.indexOf('<script type="module">') + 22, html.lastIndexOf("</script>"));
  // Syntax check only: running it would need a DOM.
  new Function(js.replace(/^export /gm, "")); // throws SyntaxError if broken
});
