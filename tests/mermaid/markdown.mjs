// Checks each Markdown report named on the command line as markdown-it renders it
// (tables, strike-through and bare-URL links on, as GitHub does):
// - every table row has as many cells in the file as its header (none dropped),
// - no link, image, emphasis, strike-through or HTML anywhere, and bold only as the
//   lead of a paragraph (the report's own "**Top risks:**"),
// - each ```mermaid block parses with Mermaid's own parser,
// - every text of the JSON file given with --typed shows in the rendered text as typed.
// Prints one line per report and exits 1 if any check fails.
import { JSDOM } from 'jsdom';
import MarkdownIt from 'markdown-it';
import fs from 'node:fs';

const dom = new JSDOM('<!DOCTYPE html><body></body>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });

const args = process.argv.slice(2);
let typed = [];
const t = args.indexOf('--typed');
if (t >= 0) {
  typed = JSON.parse(fs.readFileSync(args[t + 1], 'utf8'));
  args.splice(t, 2);
}

const md = new MarkdownIt({ linkify: true });
const FORBIDDEN = new Set(['link_open', 'image', 'em_open', 's_open', 'html_inline', 'html_block']);

// Cells of a table row in the file: pipes not escaped by a backslash.
function cells(line) {
  let n = 0;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === '|') n++;
  }
  return n - 1;
}

let failed = 0;
for (const file of args) {
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const tokens = md.parse(text, {});
  const problems = [];
  let tables = 0;
  let rows = 0;
  let charts = 0;
  let header = 0;
  let rendered = '';
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (FORBIDDEN.has(tok.type)) problems.push(`${tok.type} at line ${tok.map?.[0] + 1}`);
    if (tok.type === 'table_open') {
      tables++;
      header = cells(lines[tok.map[0]]);
    }
    if (tok.type === 'tr_open') {
      rows++;
      const n = cells(lines[tok.map[0]]);
      if (n !== header) problems.push(`line ${tok.map[0] + 1} has ${n} cells, its header ${header}`);
    }
    if (tok.type === 'fence' && tok.info.trim() === 'mermaid') {
      charts++;
      try {
        await mermaid.parse(tok.content);
      } catch (e) {
        problems.push(`chart: ${String(e.message ?? e).split('\n').slice(0, 3).join(' | ')}`);
      }
    }
    if (tok.type === 'inline') {
      tok.children.forEach((c, j) => {
        if (FORBIDDEN.has(c.type)) problems.push(`${c.type} at line ${tok.map[0] + 1}: ${tok.content.slice(0, 60)}`);
        if (c.type === 'strong_open' && tok.children.slice(0, j).some((p) => p.type !== 'text' || p.content !== '')) problems.push(`bold inside text at line ${tok.map[0] + 1}`);
        if (c.type === 'text' || c.type === 'code_inline') rendered += c.content;
        if (c.type === 'softbreak') rendered += ' ';
      });
      rendered += '\n';
    }
  }
  for (const s of typed) {
    if (!rendered.includes(s)) problems.push(`not shown as typed: ${JSON.stringify(s)}`);
  }
  if (problems.length) {
    failed++;
    console.log(`FAIL ${file}: ${problems.slice(0, 8).join('; ')}`);
  } else {
    console.log(`ok ${file} (${tables} tables, ${rows} rows, ${charts} charts, ${typed.length} texts as typed)`);
  }
}
process.exit(failed ? 1 : 0);
