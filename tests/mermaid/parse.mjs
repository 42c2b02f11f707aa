// Parses each Mermaid chart named on the command line with Mermaid's own parser (in a
// jsdom window); prints one line per chart and exits 1 if any fails to parse.
import { JSDOM } from 'jsdom';
import fs from 'node:fs';

const dom = new JSDOM('<!DOCTYPE html><body></body>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });

let failed = 0;
for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, 'utf8');
  try {
    await mermaid.parse(text);
    console.log(`ok ${file} (${text.length} characters)`);
  } catch (e) {
    failed += 1;
    console.log(`FAIL ${file}: ${String(e.message ?? e).split('\n').slice(0, 4).join(' | ')}`);
  }
}
process.exit(failed ? 1 : 0);
