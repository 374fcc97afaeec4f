// `npm run docs`: writes the generated documentation pages (today docs/configuration.md) from the code's tables.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderConfigDoc } from '../../src/config/index.js';

/** The repository root, from dist/test/docs/ (compiled) three levels up. */
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Every generated page: its path under the repository root and the function that renders it. */
export const GENERATED_PAGES: readonly { readonly file: string; render(): string }[] = [
  { file: 'docs/configuration.md', render: renderConfigDoc },
];

// Run as a script (not when a test imports GENERATED_PAGES).
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const page of GENERATED_PAGES) {
    fs.writeFileSync(path.join(REPO, page.file), page.render());
    process.stdout.write(`wrote ${page.file}\n`);
  }
}
