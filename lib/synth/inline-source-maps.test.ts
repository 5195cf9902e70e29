import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { detachedCopy, JSII_PACKAGE, withoutInlineSourceMap } from './inline-source-maps';

// Node's own module loader (jest has its own): child processes on the compiled package, as the
// command runs it (jest's global setup builds build/). `module.findSourceMap` answers only with
// --enable-source-maps, which is how these tests see whether a module was loaded with its map.
const ROOT = path.join(__dirname, '..', '..');
const node = (script: string, args: string[] = []) => spawnSync(process.execPath, ['--enable-source-maps', ...args, '-e', script], { cwd: ROOT, encoding: 'utf8' });
const TOKEN = "require.resolve('cdktf/lib/tokens/token.js')";
const MAP = 'data:application/json;base64,eyJ2ZXJzaW9uIjozfQ==';

describe('inline source maps of the jsii packages', () => {
  test('the last line, the inline source map, is dropped; the code before it is kept byte for byte', () => {
    const code = `"use strict";\nexports.a = 1;\n//# sourceMappingURL=${MAP}`;
    expect(withoutInlineSourceMap(code)).toBe('"use strict";\nexports.a = 1;\n');
    expect(withoutInlineSourceMap(`${code}\n\n`)).toBe('"use strict";\nexports.a = 1;\n');
  });

  test('a mark that is not the last line, or not at a line start, is code, and kept', () => {
    const inString = `const s = "//# sourceMappingURL=${MAP}";\nexports.s = s;\n`;
    expect(withoutInlineSourceMap(inString)).toBe(inString);
    const followed = `exports.a = 1;\n//# sourceMappingURL=${MAP}\nexports.b = 2;\n`;
    expect(withoutInlineSourceMap(followed)).toBe(followed);
    const external = 'exports.a = 1;\n//# sourceMappingURL=index.js.map\n';
    expect(withoutInlineSourceMap(external)).toBe(external);
    expect(withoutInlineSourceMap('exports.a = 1;\n')).toBe('exports.a = 1;\n');
  });

  test('the copy kept is the text, byte for byte, ASCII or not', () => {
    for (const text of ['exports.a = 1;\n', '// “quoted” – é ✓ 𝄞\nexports.b = "ü";\n', '']) expect(detachedCopy(text)).toBe(text);
    const code = `exports.s = "naïve";\n//# sourceMappingURL=${MAP}`;
    expect(Buffer.from(withoutInlineSourceMap(code))).toEqual(Buffer.from('exports.s = "naïve";\n'));
  });

  test('a module loaded without its map does not keep its file\'s text alive (a slice of it would: V8\'s SlicedString)', () => {
    // A jsii package of one small module whose map is 16 MiB. Its function keeps the script, and so
    // the script's source, alive (as every loaded module's functions do): what stays is its code.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetsynth-maps-'));
    try {
      const file = path.join(dir, 'node_modules', '@cdktf', 'provider-fake', 'index.js');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const mapBytes = 16 * 1024 * 1024;
      fs.writeFileSync(file, `"use strict";\nexports.a = () => 1;\n//# sourceMappingURL=data:application/json;base64,${'A'.repeat(mapBytes)}\n`);
      const r = spawnSync(
        process.execPath,
        ['--expose-gc', '-e', `require('./build/lib/synth/inline-source-maps');
          gc(); const before = process.memoryUsage().heapUsed;
          const m = require(${JSON.stringify(file)});
          gc(); gc(); console.log(JSON.stringify({ a: m.a(), kept: process.memoryUsage().heapUsed - before }));`],
        { cwd: ROOT, encoding: 'utf8' },
      );
      expect(r.stderr).toBe('');
      const { a, kept } = JSON.parse(r.stdout) as { a: number; kept: number };
      expect(a).toBe(1);
      expect(kept).toBeLessThan(mapBytes / 8);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the packages are cdktf (and the fork), its providers, cdk8s, cdk8s-plus and constructs, wherever installed; nothing else', () => {
    for (const id of ['cdktf', '@cdktf/provider-aws/lib/eks-cluster', 'cdk8s', 'cdk8s-plus-28', 'constructs']) {
      expect([id, JSII_PACKAGE.test(require.resolve(id, { paths: [ROOT] }))]).toEqual([id, true]);
    }
    for (const file of ['/p/node_modules/cdktn/lib/index.js', 'C:\\p\\node_modules\\@cdktn\\provider-aws\\lib\\index.js', '/p/node_modules/a/node_modules/cdk8s/lib/index.js']) {
      expect([file, JSII_PACKAGE.test(file)]).toEqual([file, true]);
    }
    for (const file of [require.resolve('yaml', { paths: [ROOT] }), path.join(ROOT, 'build/lib/index.js'), '/p/node_modules/cdktf-cli/index.js', '/p/lib/cdktf/index.js']) {
      expect([file, JSII_PACKAGE.test(file)]).toEqual([file, false]);
    }
  });

  test('the installed packages do end with inline source maps (what this saves)', () => {
    const token = require.resolve('cdktf/lib/tokens/token.js', { paths: [ROOT] });
    const code = fs.readFileSync(token, 'utf8');
    expect(withoutInlineSourceMap(code).length).toBeLessThan(code.length / 2);
    const r = node(`const m = require('module'); require(${TOKEN}); console.log(!!m.findSourceMap(${TOKEN}))`);
    expect([r.stderr, r.stdout.trim()]).toEqual(['', 'true']);
  });

  test('the command loads them without: its first require drops the maps, and the packages still work', () => {
    const r = node(
      `process.argv = [process.argv[0], 'fleetsynth', '--version'];
       const log = console.log; console.log = () => undefined;
       require('./bin/fleetsynth.js');
       console.log = log;
       const m = require('module');
       const { Token } = require('cdktf');
       console.log(JSON.stringify({ loaded: ${TOKEN} in require.cache, map: !!m.findSourceMap(${TOKEN}), token: Token.isUnresolved(Token.asString({ resolve: () => 'x' })) }));`,
    );
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout.trim().split('\n').pop()!)).toEqual({ loaded: true, map: false, token: true });
  });

  test('a render worker loads them without too: its first import', async () => {
    // The worker itself needs a render job; what matters is what it loads first, so the thread
    // loads the compiled worker's first import and then cdktf, in that order.
    const first = /require\("([^"]+)"\)/.exec(fs.readFileSync(path.join(ROOT, 'build/lib/synth/render-worker.js'), 'utf8'))![1];
    expect(first).toBe('./inline-source-maps');
    const worker = new Worker(
      `const m = require('module'); require(${JSON.stringify(path.join(ROOT, 'build/lib/synth', first))}); const t = require.resolve('cdktf/lib/tokens/token.js', { paths: [${JSON.stringify(ROOT)}] }); require(t);
       require('worker_threads').parentPort.postMessage(!!m.findSourceMap(t));`,
      { eval: true, execArgv: ['--enable-source-maps'] },
    );
    const map = await new Promise((resolve, reject) => worker.once('message', resolve).once('error', reject));
    await worker.terminate();
    expect(map).toBe(false);
  });
});
