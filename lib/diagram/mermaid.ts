import { createHash } from 'crypto';

/*
 * A small writer for Mermaid flowchart text (mermaid-js/mermaid packages/mermaid/src/diagrams/
 * flowchart/parser/flow.jison): ids that can never be a keyword or break the grammar, labels
 * escaped with Mermaid's entity codes, and output in the order things were added (callers add in a
 * deterministic order).
 */

/**
 * A node id Mermaid accepts: a prefix (so no id is a keyword such as `end`, `graph`, `subgraph`,
 * `style`, `class`, `click`, `default`, or starts with the `o`/`x` of circle and cross edges), then
 * letters, digits and `_`; a short hash of the original when characters were replaced, so two
 * names that differ only there stay two ids.
 */
export function mermaidId(prefix: string, name: string): string {
  const clean = name.replace(/[^A-Za-z0-9]/g, '_');
  const exact = clean === name.replace(/-/g, '_') && !name.includes('_');
  const suffix = exact ? '' : `_${createHash('sha256').update(name).digest('hex').slice(0, 6)}`;
  return `${prefix}_${clean}${suffix}`;
}

/** Label text inside `"…"`: Mermaid's entity codes for what would end or mark up the string. */
export function mermaidLabel(text: string): string {
  return text
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/\|/g, '#124;')
    .replace(/[\r\n]+/g, ' ');
}

export type EdgeStyle = 'solid' | 'dotted' | 'thick-both';
const ARROW: Record<EdgeStyle, string> = { solid: '-->', dotted: '-.->', 'thick-both': '<==>' };

interface Group {
  readonly id: string;
  readonly label: string;
  readonly lines: string[];
  readonly children: Group[];
}

/** A flowchart built top-down: groups (subgraphs) holding nodes, then edges. */
export class Flowchart {
  private readonly root: Group = { id: '', label: '', lines: [], children: [] };
  private readonly edges: string[] = [];
  private readonly classLines: string[] = [];
  private readonly ids = new Set<string>();

  constructor(private readonly direction: 'LR' | 'TB' = 'LR') {}

  /** A subgraph in `parent` (the top level by default); returns it for nesting. */
  group(id: string, label: string, parent?: Group): Group {
    this.claim(id);
    const g: Group = { id, label, lines: [], children: [] };
    (parent ?? this.root).children.push(g);
    return g;
  }

  node(id: string, label: string, group?: Group, shape: 'box' | 'round' | 'stadium' = 'box'): void {
    this.claim(id);
    const [open, close] = shape === 'round' ? ['(', ')'] : shape === 'stadium' ? ['([', '])'] : ['[', ']'];
    (group ?? this.root).lines.push(`${id}${open}"${mermaidLabel(label)}"${close}`);
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  edge(from: string, to: string, label: string, style: EdgeStyle = 'solid'): void {
    for (const id of [from, to]) if (!this.ids.has(id)) throw new Error(`flowchart edge names an unknown node: ${id}`);
    this.edges.push(`${from} ${ARROW[style]}|"${mermaidLabel(label)}"| ${to}`);
  }

  classDef(name: string, style: string, ids: readonly string[]): void {
    if (ids.length === 0) return;
    this.classLines.push(`classDef ${name} ${style}`, `class ${ids.join(',')} ${name}`);
  }

  toString(): string {
    const out = [`flowchart ${this.direction}`];
    const write = (g: Group, depth: number) => {
      const pad = '  '.repeat(depth);
      for (const line of g.lines) out.push(`${pad}${line}`);
      for (const child of g.children) {
        out.push(`${pad}subgraph ${child.id}["${mermaidLabel(child.label)}"]`);
        write(child, depth + 1);
        out.push(`${pad}end`);
      }
    };
    write(this.root, 1);
    for (const e of this.edges) out.push(`  ${e}`);
    for (const c of this.classLines) out.push(`  ${c}`);
    return `${out.join('\n')}\n`;
  }

  private claim(id: string): void {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(id)) throw new Error(`not a Mermaid id: ${id}`);
    if (this.ids.has(id)) throw new Error(`two flowchart elements share the id ${id}`);
    this.ids.add(id);
  }
}
