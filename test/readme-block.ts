import * as fs from 'fs';
import * as path from 'path';

/** The repository's README.md, as the tests that run its procedures read it. */
export const README = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');

/** The sh block of README.md between `<!-- NAME:begin … -->` and `<!-- NAME:end -->`; in a list item, indented alike, and returned without its indent. */
export function readmeBlock(name: string): string {
  const found = new RegExp(`<!-- ${name}:begin[^>]*-->\\n( *)\`\`\`sh\\n([\\s\\S]*?)\\1\`\`\`\\n *<!-- ${name}:end -->`).exec(README);
  if (!found) throw new Error(`README.md has no sh block between <!-- ${name}:begin --> and <!-- ${name}:end -->`);
  const indent = found[1];
  return found[2].split('\n').map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l)).join('\n');
}
