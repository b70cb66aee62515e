// Build web/verify.html: inline the verifier's parts (web/src/*.js) into
// web/verify.template.html, as one offline page. Node, no dependencies.
// `node web/build.mjs` writes the file; `--check` only compares it with a
// fresh build and exits 1 if they differ.
//
// The parts, in this order, make one module script; their imports of each
// other and their `export` keywords are dropped (they share the one scope). Before
// the page's own part comes PAGE_ONLY: the page starts its Web Worker from a
// Blob of the script up to that line (src/engine.js), so the single file
// works offline and from file:// as before.
import { readFileSync, writeFileSync, renameSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const DIR = path.dirname(fileURLToPath(import.meta.url));
export const OUT = path.join(DIR, "verify.html");
const PLACEHOLDER = "/*__POTDRAW_VERIFY_JS__*/";
/** The verifier, written from docs/SPEC.md alone, then where it runs, then the page. */
export const PARTS = ["src/protocol.js", "src/documents.js", "src/lists.js", "src/amendments.js", "src/participant.js", "src/engine.js"];
export const PAGE = "src/page.js";
export const PAGE_ONLY = "// ---- the page: everything below runs on the page only; the worker's copy of this script ends here ----";
const IMPORT = /^import \{[^}]*\} from "\.\/[\w-]+\.js";\n/gm;

function part(file) {
  const js = readFileSync(path.join(DIR, file), "utf8");
  // Inside <script>, "</script" or "<!--" would end or confuse the element.
  if (/<\/script|<!--/i.test(js)) throw new Error(`web/${file} contains </script or <!--, which cannot be inlined`);
  // One script: the parts share its scope, so they neither import nor export;
  // without `export` the part before PAGE_ONLY is also a classic script, which is what the worker runs.
  const code = js.replace(IMPORT, "").replace(/^export (?=(?:async )?(?:function|const|let|class)\b)/gm, "");
  if (/^\s*import\b/m.test(code)) throw new Error(`web/${file}: an import other than of a part (import { … } from "./part.js";) cannot be inlined`);
  if (/^\s*export\b/m.test(code)) throw new Error(`web/${file}: an export other than of a declaration cannot be inlined`);
  if (code.includes(PAGE_ONLY)) throw new Error(`web/${file} contains the page's marker line`);
  return `// ---- web/${file} ----\n${code.replace(/\n+$/, "")}\n`;
}

export function build() {
  const template = readFileSync(path.join(DIR, "verify.template.html"), "utf8");
  const parts = template.split(PLACEHOLDER);
  if (parts.length !== 2) throw new Error(`the template must hold ${PLACEHOLDER} exactly once`);
  const header = "// ---- inlined by web/build.mjs from web/src/*.js (edit those, then run node web/build.mjs) ----\n";
  const js = PARTS.map(part).join("\n") + "\n" + PAGE_ONLY + "\n" + part(PAGE);
  return parts[0] + header + js + "// ---- end of web/src ----" + parts[1];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const html = build();
  if (process.argv.includes("--check")) {
    let old = "";
    try {
      old = readFileSync(OUT, "utf8");
    } catch {}
    if (old !== html) {
      console.error("web/verify.html is not the build of its sources: run node web/build.mjs");
      process.exit(1);
    }
    console.log("web/verify.html is up to date");
  } else {
    const tmp = OUT + ".tmp";
    writeFileSync(tmp, html);
    renameSync(tmp, OUT);
    console.log(`wrote ${path.relative(process.cwd(), OUT)} (${html.length} bytes)`);
  }
}
