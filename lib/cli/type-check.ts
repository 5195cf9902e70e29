import * as fs from 'fs';
import * as path from 'path';
import { CommandLineError, FleetError, Problem } from '../fleet/fleet-error';

/*
 * `--types`: the TypeScript type check of the fleet file and the user's own files it imports (their
 * add-ons), not of fleetsynth: its declarations are read, not checked (skipLibCheck), and problems
 * in them are not reported. Uses the TypeScript of the fleet's repository (else fleetsynth's own, if
 * installed) and the tsconfig.json nearest the fleet file, if any.
 */

type TypeScript = typeof import('typescript');

function loadTypeScript(fleetFile: string): TypeScript {
  for (const from of [path.dirname(path.resolve(fleetFile)), __dirname]) {
    let ts: TypeScript;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      ts = require(require.resolve('typescript', { paths: [from] })) as TypeScript;
    } catch {
      continue; // try the next place
    }
    // TypeScript 7 (npm's latest since its release) is the native compiler: its package's main export is
    // its version only (typescript 7.0.2 package.json exports "." → lib/version.cjs), with no compiler API.
    if (typeof ts.createProgram !== 'function') {
      throw new CommandLineError([{ path: '--types', message: `needs TypeScript's compiler API, which typescript ${String(ts.version)} has not`, allowed: `TypeScript 5 or 6 (fleetsynth's peer dependency: ${TYPESCRIPT_RANGE}): npm install --save-dev typescript@6` }]);
    }
    return ts;
  }
  throw new CommandLineError([{ path: '--types', message: 'needs TypeScript, which is not installed', allowed: 'npm install --save-dev typescript@6' }]);
}

/** package.json's peerDependencies.typescript (a test holds them equal). */
export const TYPESCRIPT_RANGE = '>=5.0.0 <7';

/** fleetsynth's own sources and declarations: read, never reported on. */
function isFleetsynth(file: string): boolean {
  const root = path.resolve(__dirname, '..', '..');
  const own = path.basename(root) === 'build' ? path.dirname(root) : root;
  const rel = path.relative(own, path.resolve(file));
  return !rel.startsWith('..') && /^(lib|build)[\\/]/.test(rel);
}

/** Problems TypeScript finds in the fleet file and the user's files it imports; each at `file:line:column`. */
export function fleetTypeProblems(fleetFile: string): Problem[] {
  const ts = loadTypeScript(fleetFile);
  const file = path.resolve(fleetFile);
  const configFile = ts.findConfigFile(path.dirname(file), (f) => fs.existsSync(f));
  let options: import('typescript').CompilerOptions = {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    // Not the DOM's declarations (1.9 MB to parse): a fleet runs in Node.
    lib: ['lib.es2022.d.ts'],
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    esModuleInterop: true,
    resolveJsonModule: true,
    types: [],
  };
  if (configFile) {
    const parsed = ts.getParsedCommandLineOfConfigFile(configFile, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
    if (parsed) options = parsed.options;
  }
  const program = ts.createProgram([file], { ...options, noEmit: true, skipLibCheck: true, incremental: false, composite: false, declaration: false });
  const diagnostics = program
    .getSourceFiles()
    .filter((sf) => !sf.isDeclarationFile && !sf.fileName.includes('/node_modules/') && !isFleetsynth(sf.fileName))
    .flatMap((sf) => [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]);
  const cwd = process.cwd();
  return diagnostics.map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n').split('\n');
    const message = `type error TS${d.code}: ${text[0].charAt(0).toLowerCase()}${text[0].slice(1).replace(/\.$/, '')}`;
    if (!d.file || d.start === undefined) return { path: fleetFile, message };
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    const shown = path.relative(cwd, d.file.fileName) || d.file.fileName;
    return { path: `${shown}:${line + 1}:${character + 1}`, message, ...(text.length > 1 ? { given: text.slice(1).map((t) => t.trim().replace(/\.$/, '')).join('; ') } : {}) };
  });
}

/**
 * Throws FleetError listing every type error of the fleet file (and the user's files it imports),
 * then `alsoReport()`'s problems: the fleet's own validation, when the file loaded despite them, so
 * one type error (TypeScript reports one per object literal) hides none of the fleet's problems.
 */
export function typeCheckFleet(fleetFile: string, alsoReport: () => readonly Problem[] = () => []): void {
  if (!/\.[cm]?ts$/.test(fleetFile)) return;
  const problems = fleetTypeProblems(fleetFile);
  if (problems.length === 0) return;
  const more = alsoReport();
  throw new FleetError([...problems, ...more], more.length > 0 ? 'fleet file (TypeScript types and the fleet\'s validation)' : 'fleet file (TypeScript)');
}
