// Reads the imports of src/'s files with the TypeScript parser (so comments and strings that look
// like imports do not count, and type-only imports are told apart) and checks them against
// importRules.ts.
import { builtinModules } from 'module';
import * as path from 'path';
import * as ts from 'typescript';
import type { AreaRule, Use } from './importRules';

export interface ImportUse {
  target: string;
  use: Use;
}

export function importsOf(fileName: string, source: string): ImportUse[] {
  const found: ImportUse[] = [];
  const visit = (node: ts.Node): void => {
    const use = importUse(node);
    if (use) found.push(use);
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest));
  return found;
}

function importUse(node: ts.Node): ImportUse | undefined {
  if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
    return { target: node.moduleSpecifier.text, use: importsTypesOnly(node.importClause) ? 'type' : 'value' };
  }
  if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
    const typesOnly = node.isTypeOnly || (!!node.exportClause && ts.isNamedExports(node.exportClause) && allTypeOnly(node.exportClause.elements));
    return { target: node.moduleSpecifier.text, use: typesOnly ? 'type' : 'value' };
  }
  if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
    return { target: node.moduleReference.expression.text, use: node.isTypeOnly ? 'type' : 'value' };
  }
  if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
    return { target: node.argument.literal.text, use: 'type' };
  }
  if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteralLike(node.arguments[0])) {
    if (node.expression.kind === ts.SyntaxKind.ImportKeyword) return { target: node.arguments[0].text, use: 'lazy' };
    if (ts.isIdentifier(node.expression) && node.expression.text === 'require') return { target: node.arguments[0].text, use: 'value' };
  }
  return undefined;
}

/** `import type {...}`, or named imports that are each `type`: the compiler drops the statement. */
function importsTypesOnly(clause: ts.ImportClause | undefined): boolean {
  if (!clause) return false; // `import 'x'` runs x
  if (clause.phaseModifier === ts.SyntaxKind.TypeKeyword) return true;
  return !clause.name && !!clause.namedBindings && ts.isNamedImports(clause.namedBindings) && allTypeOnly(clause.namedBindings.elements);
}

function allTypeOnly(elements: ts.NodeArray<ts.ImportSpecifier | ts.ExportSpecifier>): boolean {
  return elements.length > 0 && elements.every((element) => element.isTypeOnly);
}

/** The area of a file of src/ (POSIX path relative to src/): its own rule, else its folder's. */
export function areaOf(file: string, rules: Readonly<Record<string, AreaRule>>): string | undefined {
  if (rules[file]) return file;
  const folder = path.posix.dirname(file);
  return folder !== '.' && rules[folder] ? folder : undefined;
}

/** Every folder (or file of src/'s root) whose files have no rule. */
export function foldersWithoutRule(files: readonly string[], rules: Readonly<Record<string, AreaRule>>): string[] {
  const missing = files.filter((file) => !areaOf(file, rules)).map((file) => (path.posix.dirname(file) === '.' ? file : path.posix.dirname(file)));
  return [...new Set(missing)].sort();
}

const ALLOWED: Record<Use, readonly Use[]> = { value: ['value', 'type', 'lazy'], lazy: ['type', 'lazy'], type: ['type'] };
const SAYS: Record<Use, string> = { value: '', lazy: ' only as type or import()', type: ' only as type' };

/** "src/FILE imports TARGET: why" for each import of the file that its area's rule does not allow. */
export function violationsOf(file: string, source: string, rules: Readonly<Record<string, AreaRule>>): string[] {
  const area = areaOf(file, rules);
  if (!area) return [`src/${file}: no rule covers its folder`];
  return importsOf(file, source).flatMap(({ target, use }) => {
    const why = whyNot(area, rules[area], file, target, use, rules);
    return why ? [`src/${file} imports ${target}: ${why}`] : [];
  });
}

function whyNot(area: string, rule: AreaRule, file: string, target: string, use: Use, rules: Readonly<Record<string, AreaRule>>): string | undefined {
  if (!target.startsWith('.')) {
    const name = packageName(target);
    return rule.packages.includes(name) || (rule.packages.includes('node') && builtinModules.includes(name)) ? undefined : `${area} may not import the package ${name}`;
  }
  const resolved = path.posix.join(path.posix.dirname(file), target);
  const targetArea = areaOf(`${resolved}.ts`, rules) ?? areaOf(`${resolved}.d.ts`, rules) ?? areaOf(`${resolved}/index.ts`, rules);
  if (!targetArea) return `no rule covers ${resolved}`;
  if (targetArea === area) return undefined;
  const allowed = rule.areas[targetArea];
  if (!allowed) return `${area} may not import ${targetArea}`;
  return ALLOWED[allowed].includes(use) ? undefined : `${area} may import ${targetArea}${SAYS[allowed]}`;
}

function packageName(specifier: string): string {
  const bare = specifier.replace(/^node:/, '');
  const parts = bare.split('/');
  return bare.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** A cycle among the areas the rules let import one another (`a -> b -> a`), or undefined. */
export function ruleCycle(rules: Readonly<Record<string, AreaRule>>): string[] | undefined {
  const done = new Set<string>();
  const walk = (area: string, trail: string[]): string[] | undefined => {
    if (trail.includes(area)) return [...trail.slice(trail.indexOf(area)), area];
    if (done.has(area)) return undefined;
    for (const next of Object.keys(rules[area]?.areas ?? {})) {
      const cycle = walk(next, [...trail, area]);
      if (cycle) return cycle;
    }
    done.add(area);
    return undefined;
  };
  for (const area of Object.keys(rules)) {
    const cycle = walk(area, []);
    if (cycle) return cycle;
  }
  return undefined;
}
