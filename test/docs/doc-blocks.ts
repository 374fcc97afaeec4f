// Finds the fenced blocks of a markdown page that the doc-command test acts on (see docs/index.md, "Conventions").
//
//   ```sh test              run with bash -e -o pipefail; must exit 0 (5300 is rewritten to the test's port)
//   ```sh test timeout=60   the same with its own time limit in seconds (default 30)
//   ```text output          shown output of the block before it: each line must appear in what it printed
//                           (spaces squashed; `...` in a line stands for any text, a line of only `...` is skipped)
//   ```conf file=a/nsd.conf written to that path (relative to the page's scratch directory) before later blocks run
//
// Any other fenced block is only text.

export type DocBlock =
  | { readonly kind: 'run'; readonly line: number; readonly body: string; readonly timeoutMs: number; readonly output?: string }
  | { readonly kind: 'file'; readonly line: number; readonly body: string; readonly path: string };

interface Fence {
  readonly info: string;
  readonly line: number;
  readonly body: string;
}

/** Every fenced (```) block with its info string and the 1-based line of its opening fence. */
export function fences(markdown: string): Fence[] {
  const lines = markdown.split('\n');
  const out: Fence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,})(.*)$/.exec(lines[i]);
    if (open === null) continue;
    const [, indent, ticks, info] = open;
    const body: string[] = [];
    let j = i + 1;
    // A closing fence has at least as many backticks and nothing else (CommonMark 4.5).
    while (j < lines.length && !new RegExp(`^\\s*${ticks}\`*\\s*$`).test(lines[j])) {
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j]);
      j++;
    }
    out.push({ info: info.trim(), line: i + 1, body: body.join('\n') });
    i = j;
  }
  return out;
}

function attr(words: readonly string[], name: string): string | undefined {
  return words.find((w) => w.startsWith(`${name}=`))?.slice(name.length + 1);
}

/** The blocks marked for the test, in page order; an `output` block attaches to the `test` block just before it. */
export function docBlocks(markdown: string): DocBlock[] {
  const out: DocBlock[] = [];
  let prev: Fence | undefined;
  for (const f of fences(markdown)) {
    const words = f.info.split(/\s+/);
    const file = attr(words, 'file');
    if (file !== undefined) {
      if (file.startsWith('/') || file.split('/').includes('..')) throw new Error(`line ${f.line}: file= must stay in the scratch directory`);
      out.push({ kind: 'file', line: f.line, body: `${f.body}\n`, path: file });
    } else if (['sh', 'bash', 'shell'].includes(words[0]) && words.includes('test')) {
      const seconds = Number(attr(words, 'timeout') ?? 30);
      out.push({ kind: 'run', line: f.line, body: f.body, timeoutMs: seconds * 1000 });
    } else if (words.includes('output')) {
      const last = out.at(-1);
      if (last?.kind !== 'run' || prev === undefined || prev.line !== last.line) {
        throw new Error(`line ${f.line}: an output block must follow a test block`);
      }
      out[out.length - 1] = { ...last, output: f.body };
    }
    prev = f;
  }
  return out;
}

const squash = (s: string): string => s.trim().replace(/\s+/g, ' ');

/** An expected line as a pattern: spaces squashed, `...` stands for any text (an id, a time). */
function linePattern(line: string): RegExp {
  const parts = squash(line).split('...').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`);
}

/** The lines of `expected` (blank lines and lines of only `...` skipped) that match no line of `actual`. */
export function missingLines(expected: string, actual: string): string[] {
  const have = actual.split('\n').map(squash);
  return expected.split('\n').map(squash)
    .filter((l) => l !== '' && l !== '...')
    .filter((l) => !have.some((h) => linePattern(l).test(h)));
}
