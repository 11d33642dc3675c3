/**
 * Moves a renderer folder's untranslated text into its i18n namespace and rewrites it as t() calls.
 *   npx tsx scripts/i18n-extract.ts customers wallet …
 * Writes src/renderer/i18n/en/<folder>.json (keys made from the English words; existing keys kept)
 * and rewrites the .tsx files: JSX text → {t('key')}, a text mixed with string/number expressions →
 * one {t('key', { name })}, literals in user-visible props → t('key'); adds useTranslation('<folder>')
 * to the enclosing component (or i18n.t outside components). Vietnamese is then written by hand in
 * src/renderer/i18n/vi/<folder>.json; test/lint/translations.test.ts says what is missing.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { displayedLiterals, needsTranslation, rendererFiles, scanSource } from '../test/lint/i18n-scan.js';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
const folders = process.argv.slice(2);

const config = ts.getParsedCommandLineOfConfigFile(
  join(root, 'tsconfig.web.json'),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => console.error(d.messageText),
  },
)!;
const files = folders.flatMap((folder) => rendererFiles(root, `src/renderer/${folder}`));
const program = ts.createProgram(
  files.map((f) => join(root, f)),
  config.options,
);
const checker = program.getTypeChecker();

interface Edit {
  start: number;
  end: number;
  text: string;
}

function catalogPath(ns: string) {
  return join(root, 'src/renderer/i18n/en', `${ns}.json`);
}

/** React's JSX whitespace rule: lines trimmed, blank lines dropped, the rest joined by one space. */
function jsxText(raw: string): string {
  const lines = raw.split(/\r\n|\n|\r/);
  if (lines.length === 1) return raw;
  return lines
    .map((line, i) => {
      let l = line.replace(/\t/g, ' ');
      if (i !== 0) l = l.replace(/^ +/, '');
      if (i !== lines.length - 1) l = l.replace(/ +$/, '');
      return l;
    })
    .filter((l) => l.length > 0)
    .join(' ');
}

function keyFor(catalog: Record<string, string>, value: string): string {
  for (const [key, existing] of Object.entries(catalog)) if (existing === value) return key;
  const words = value
    .replace(/\{\{\w+\}\}/g, ' ')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .match(/[A-Za-z0-9]+/g) ?? ['text'];
  const base =
    words
      .slice(0, 4)
      .map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase()))
      .join('') || 'text';
  let key = /^[0-9]/.test(base) ? `n${base}` : base;
  for (let n = 2; key in catalog; n++) key = `${base}${n}`;
  catalog[key] = value;
  return key;
}

function placeholderName(expression: ts.Expression, taken: Set<string>): string {
  let name = 'value';
  let e = expression;
  while (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e) || ts.isAsExpression(e))
    e = e.expression;
  if (ts.isIdentifier(e)) name = e.text;
  else if (ts.isPropertyAccessExpression(e)) name = e.name.text === 'length' ? 'count' : e.name.text;
  else if (ts.isCallExpression(e)) {
    const callee = e.expression;
    const called = ts.isIdentifier(callee)
      ? callee.text
      : ts.isPropertyAccessExpression(callee)
        ? callee.name.text
        : '';
    if (/^formatAmount|Money/.test(called)) name = 'amount';
    else if (/^format(DateTime|Day|Date)/.test(called)) name = 'date';
    else if (called === 'formatRelative') name = 'when';
    else if (called === 'toLocaleString' && ts.isPropertyAccessExpression(callee)) {
      return placeholderName(callee.expression, taken);
    } else if (called === 'plural') name = 'count';
  }
  let unique = name;
  for (let n = 2; taken.has(unique); n++) unique = `${name}${n}`;
  taken.add(unique);
  return unique;
}

function isTextValue(expression: ts.Expression): boolean {
  const type = checker.getTypeAtLocation(expression);
  const parts = type.isUnion() ? type.types : [type];
  return parts.every((part) => (part.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike)) !== 0);
}

function componentOf(node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isFunctionDeclaration(n) || ts.isArrowFunction(n) || ts.isFunctionExpression(n)) {
      let name: string | undefined;
      if (ts.isFunctionDeclaration(n)) name = n.name?.text;
      else if (ts.isVariableDeclaration(n.parent) && ts.isIdentifier(n.parent.name))
        name = n.parent.name.text;
      else if (
        ts.isCallExpression(n.parent) &&
        ts.isVariableDeclaration(n.parent.parent) &&
        ts.isIdentifier(n.parent.parent.name)
      ) {
        name = n.parent.parent.name.text;
      }
      if (name && (/^[A-Z]/.test(name) || /^use[A-Z]/.test(name))) return n;
    }
  }
  return undefined;
}

for (const folder of folders) {
  const ns = folder;
  const path = catalogPath(ns);
  const catalog: Record<string, string> = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {};
  for (const file of rendererFiles(root, `src/renderer/${folder}`)) {
    const full = join(root, file);
    const source = program.getSourceFile(full)!;
    const text = source.getFullText();
    const found = scanSource(file, text);
    if (found.length === 0) continue;
    // Re-find the nodes in the program's source file (the scan parsed its own copy).
    const at = new Map<number, ts.Node>();
    const index = (node: ts.Node) => {
      at.set(node.getStart(source) * 10 + node.kind, node);
      ts.forEachChild(node, index);
    };
    index(source);
    const nodes = found.map((f) => at.get(f.node.getStart() * 10 + f.node.kind)!).filter(Boolean);

    const edits: Edit[] = [];
    const hooks = new Set<ts.FunctionLikeDeclaration>();
    let usesI18n = false;
    const callFor = (site: ts.Node, key: string, values: string[]): string | null => {
      const component = componentOf(site);
      const options = values.length ? `, { ${values.join(', ')} }` : '';
      if (component) {
        hooks.add(component);
        return `t('${key}'${options})`;
      }
      if (!ts.findAncestor(site, ts.isFunctionLike)) {
        // Module level: evaluated once at load, before any language switch; convert it by hand.
        console.log(`  left at module level: ${file}: ${site.getText(source).slice(0, 60)}`);
        return null;
      }
      usesI18n = true;
      return `i18n.t('${ns}:${key}'${options})`;
    };
    const expressionCall = (literal: ts.Expression) => {
      if (ts.isTemplateExpression(literal)) {
        const taken = new Set<string>();
        let value = literal.head.text;
        const values: string[] = [];
        for (const span of literal.templateSpans) {
          const name = placeholderName(span.expression, taken);
          values.push(`${name}: ${span.expression.getText(source)}`);
          value += `{{${name}}}${span.literal.text}`;
        }
        return callFor(
          literal,
          keyFor(catalog, value),
          values.map((v) => v.replace(/^(\w+): \1$/, '$1')),
        );
      }
      const value = (literal as ts.StringLiteral).text;
      return callFor(literal, keyFor(catalog, value), []);
    };

    const merged = new Set<ts.Node>();
    for (const node of nodes) {
      if (!ts.isJsxText(node)) continue;
      const parent = node.parent as ts.JsxElement | ts.JsxFragment;
      if (merged.has(parent)) continue;
      const children = parent.children.filter((c) => !(ts.isJsxText(c) && c.containsOnlyTriviaWhiteSpaces));
      const mergeable =
        children.some((c) => ts.isJsxExpression(c)) &&
        children.every(
          (c) =>
            ts.isJsxText(c) ||
            (ts.isJsxExpression(c) &&
              c.expression !== undefined &&
              displayedLiterals(c.expression).length === 0 &&
              isTextValue(c.expression)),
        );
      if (!mergeable) continue;
      merged.add(parent);
      const taken = new Set<string>();
      const values: string[] = [];
      let value = '';
      for (const child of children) {
        if (ts.isJsxText(child)) value += jsxText(child.text);
        else {
          const expression = (child as ts.JsxExpression).expression!;
          const name = placeholderName(expression, taken);
          const code = expression.getText(source);
          values.push(code === name ? name : `${name}: ${code}`);
          value += `{{${name}}}`;
        }
      }
      const trimmed = value.trim();
      const lead = /^\s/.test(value) ? "{' '}" : '';
      const tail = /\s$/.test(value) ? "{' '}" : '';
      edits.push({
        start: children[0]!.getStart(source),
        end: children[children.length - 1]!.getEnd(),
        text: `${lead}{${callFor(parent, keyFor(catalog, trimmed), values)}}${tail}`,
      });
    }

    for (const node of nodes) {
      if (ts.isJsxText(node)) {
        if (merged.has(node.parent)) continue;
        const cleaned = jsxText(node.text);
        const lead = /^\s/.test(cleaned) && !node.text.startsWith('\n') ? "{' '}" : '';
        const tail = /\s$/.test(cleaned) && !/\n\s*$/.test(node.text) ? "{' '}" : '';
        const start = node.getStart(source, false);
        edits.push({
          start,
          end: node.getEnd(),
          text: `${lead}{${callFor(node, keyFor(catalog, cleaned.trim()), [])}}${tail}`,
        });
      } else if (ts.isStringLiteral(node) && ts.isJsxAttribute(node.parent)) {
        const call = expressionCall(node);
        if (call) edits.push({ start: node.getStart(source), end: node.getEnd(), text: `{${call}}` });
      } else if (ts.isExpression(node) && needsTranslation(node.getText(source))) {
        const call = expressionCall(node);
        if (call) edits.push({ start: node.getStart(source), end: node.getEnd(), text: call });
      }
    }

    for (const component of hooks) {
      const body = component.body!;
      const hook = `const { t } = useTranslation('${ns}');`;
      if (ts.isBlock(body)) {
        if (!body.getText(source).includes(hook)) {
          edits.push({
            start: body.getStart(source) + 1,
            end: body.getStart(source) + 1,
            text: `\n${hook}\n`,
          });
        }
      } else {
        edits.push({ start: body.getStart(source), end: body.getStart(source), text: `{ ${hook}\nreturn (` });
        edits.push({ start: body.getEnd(), end: body.getEnd(), text: `); }` });
      }
    }

    let out = text;
    for (const edit of edits.sort((a, b) => b.start - a.start || b.end - a.end)) {
      out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
    }
    const imports: string[] = [];
    if (hooks.size && !out.includes("from 'react-i18next'"))
      imports.push("import { useTranslation } from 'react-i18next';");
    if (usesI18n && !/import \{[^}]*\bi18n\b[^}]*\} from '[./]+\/i18n'/.test(out)) {
      const rel = relative(dirname(full), join(root, 'src/renderer/i18n')) || '.';
      imports.push(`import { i18n } from '${rel.startsWith('.') ? rel : `./${rel}`}';`);
    }
    if (imports.length) {
      const lastImport = [...source.statements].reverse().find(ts.isImportDeclaration);
      // Offsets in `out` before the last import are unchanged (no edit touches import lines).
      const position = lastImport ? lastImport.getEnd() : 0;
      out = out.slice(0, position) + '\n' + imports.join('\n') + out.slice(position);
    }
    writeFileSync(full, out);
    console.log(`${file}: ${found.length} strings`);
  }
  const sorted = Object.fromEntries(Object.entries(catalog));
  writeFileSync(path, JSON.stringify(sorted, null, 2) + '\n');
}
