// Finds relative markdown links that lead nowhere: a missing file, or a #heading the target page does not have.
import fs from 'node:fs';
import path from 'node:path';
import { fences } from './doc-blocks.js';

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens; repeats get -1, -2... */
export function headingSlugs(markdown: string): Set<string> {
  const slugs = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of withoutFences(markdown).split('\n')) {
    const h = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (h === null) continue;
    const base = h[1].toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    slugs.add(n === 0 ? base : `${base}-${n}`);
  }
  return slugs;
}

/** The text with fenced blocks blanked out, so code is not read as links or headings. */
function withoutFences(markdown: string): string {
  const lines = markdown.split('\n');
  for (const f of fences(markdown)) {
    const n = f.body === '' ? 0 : f.body.split('\n').length;
    for (let i = f.line - 1; i <= f.line + n && i < lines.length; i++) lines[i] = '';
  }
  return lines.join('\n');
}

/** The relative link targets of a page that do not resolve, as "target: why". */
export function brokenLinks(file: string): string[] {
  const text = withoutFences(fs.readFileSync(file, 'utf8')).replace(/`[^`\n]*`/g, '');
  const broken: string[] = [];
  for (const m of text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const target = m[1];
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // http:, https:, mailto:
    const [rel, anchor] = target.split('#', 2);
    const dest = rel === '' ? file : path.resolve(path.dirname(file), decodeURIComponent(rel));
    if (!fs.existsSync(dest)) {
      broken.push(`${target}: no such file`);
      continue;
    }
    if (anchor !== undefined && dest.endsWith('.md') && !headingSlugs(fs.readFileSync(dest, 'utf8')).has(anchor)) {
      broken.push(`${target}: no heading #${anchor}`);
    }
  }
  return broken;
}
