// Build web/verify.html: inline web/potdraw-verify.js into web/verify.template.html.
// Node, no dependencies.  `node web/build.mjs` writes the file; `--check` only
// compares it with a fresh build and exits 1 if they differ.
import { readFileSync, writeFileSync, renameSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const DIR = path.dirname(fileURLToPath(import.meta.url));
export const OUT = path.join(DIR, "verify.html");
const PLACEHOLDER = "/*__POTDRAW_VERIFY_JS__*/";

export function build() {
  const template = readFileSync(path.join(DIR, "verify.template.html"), "utf8");
  const js = readFileSync(path.join(DIR, "potdraw-verify.js"), "utf8");
  const parts = template.split(PLACEHOLDER);
  if (parts.length !== 2) throw new Error(`the template must hold ${PLACEHOLDER} exactly once`);
  // Inside <script>, "</script" or "<!--" would end or confuse the element.
  if (/<\/script|<!--/i.test(js)) throw new Error("potdraw-verify.js contains </script or <!--, which cannot be inlined");
  const header = "// ---- web/potdraw-verify.js, inlined by web/build.mjs (edit that file, then run node web/build.mjs) ----\n";
  return parts[0] + header + js.replace(/\n+$/, "") + "\n// ---- end of web/potdraw-verify.js ----\n" + parts[1];
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
