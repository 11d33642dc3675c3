import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/**
 * Finds text a person would read in the renderer's .tsx and .ts files that does not go through t():
 *   - JSX text with a letter in it ("Top up", not "—" or "·");
 *   - a string or template literal with a letter in a *displayed position* of a JSX child expression,
 *     of a user-visible prop (VISIBLE_PROPS) or of an object property of the same name (`label: …`): the expression itself, a branch of `?:`, the right
 *     side of `&&` / `||` / `??`, either side of `+`, or an argument of `plural()` (English words).
 *   - the same displayed positions of what `announce()` gives screen readers.
 * In plain .ts modules that covers the visible fields of objects (`label:`, `message:`, `hint:`…) and
 * announcements; a literal returned as-is from a function is not seen, so such modules use i18n.t().
 * Literals compared (`status === 'paid'`), used as keys or passed to other functions (`'USD'`) are
 * not displayed, so they are not reported. Used by test/lint/translations.test.ts and by
 * scripts/i18n-extract.ts (which rewrites what it finds into t() calls).
 */

/** Props whose value is read or announced to a person: DOM ones and those of our own components. */
export const VISIBLE_PROPS = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'aria-placeholder',
  'title',
  'subtitle',
  'placeholder',
  'alt',
  'label',
  'hint',
  'pendingLabel',
  'submitLabel',
  'buttonLabel',
  'description',
  'what',
  'message',
  'heading',
  'caption',
]);

/**
 * Words that read the same in every language: product and brand names, currency codes. Kept short
 * and exact; anything else with a letter is a string to translate.
 */
export const SAME_IN_EVERY_LANGUAGE = new Set(['RC', 'VietQR', 'PayPal', 'USD', 'VND', 'URL', 'ID', 'API']);

/** A prop default a person reads: the visible props, and `children` (a default text body). */
function isVisibleBinding(name: string): boolean {
  return VISIBLE_PROPS.has(name) || name === 'children';
}

export interface Untranslated {
  file: string;
  line: number;
  kind: 'jsx-text' | 'prop' | 'child' | 'announce';
  text: string;
  node: ts.Node;
}

const LETTER = /\p{L}/u;

export function needsTranslation(text: string): boolean {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  return LETTER.test(trimmed) && !SAME_IN_EVERY_LANGUAGE.has(trimmed);
}

/** `t('key')`, `i18n.t('ns:key')`: their arguments are keys and options, not displayed text. */
export function isTranslateCall(node: ts.Node): node is ts.CallExpression {
  if (!ts.isCallExpression(node)) return false;
  const callee = node.expression;
  return (
    (ts.isIdentifier(callee) && callee.text === 't') ||
    (ts.isPropertyAccessExpression(callee) && callee.name.text === 't')
  );
}

/** Literals in displayed positions of `expression` (not descending into nested JSX or t() calls). */
export function displayedLiterals(expression: ts.Expression): ts.Expression[] {
  const found: ts.Expression[] = [];
  const visit = (node: ts.Expression): void => {
    if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node)) {
      return visit(node.expression);
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (needsTranslation(node.text)) found.push(node);
      return;
    }
    if (ts.isTemplateExpression(node)) {
      const parts = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)];
      if (parts.some(needsTranslation)) found.push(node);
      else for (const span of node.templateSpans) visit(span.expression);
      return;
    }
    if (ts.isConditionalExpression(node)) {
      visit(node.whenTrue);
      visit(node.whenFalse);
      return;
    }
    if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      if (op === ts.SyntaxKind.PlusToken) {
        visit(node.left);
        visit(node.right);
      } else if (
        op === ts.SyntaxKind.AmpersandAmpersandToken ||
        op === ts.SyntaxKind.BarBarToken ||
        op === ts.SyntaxKind.QuestionQuestionToken
      ) {
        if (op !== ts.SyntaxKind.AmpersandAmpersandToken) visit(node.left);
        visit(node.right);
      }
      return;
    }
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'plural') {
      for (const argument of node.arguments) visit(argument);
    }
  };
  visit(expression);
  return found;
}

export function scanSource(file: string, text: string): Untranslated[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: Untranslated[] = [];
  const report = (node: ts.Node, kind: Untranslated['kind'], shown: string) => {
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    found.push({ file, line, kind, text: shown.replace(/\s+/g, ' ').trim(), node });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && needsTranslation(node.text)) report(node, 'jsx-text', node.text);
    if (ts.isJsxAttribute(node) && VISIBLE_PROPS.has(node.name.getText(source)) && node.initializer) {
      const value = node.initializer;
      if (ts.isStringLiteral(value)) {
        if (needsTranslation(value.text)) report(value, 'prop', value.text);
      } else if (ts.isJsxExpression(value) && value.expression) {
        for (const literal of displayedLiterals(value.expression))
          report(literal, 'prop', literal.getText(source));
      }
    }
    // `{ label: 'Dashboard' }`: the same props, set in an object that a component spreads or maps.
    if (
      ts.isPropertyAssignment(node) &&
      VISIBLE_PROPS.has(node.name.getText(source).replace(/^['"]|['"]$/g, ''))
    ) {
      for (const literal of displayedLiterals(node.initializer))
        report(literal, 'prop', literal.getText(source));
    }
    // `function Picker({ label = 'Wallet' })`: a component's default for one of those props.
    if (
      ts.isBindingElement(node) &&
      node.initializer &&
      isVisibleBinding((node.propertyName ?? node.name).getText(source))
    ) {
      for (const literal of displayedLiterals(node.initializer))
        report(literal, 'prop', literal.getText(source));
    }
    // `announce('Saved')`: read out by screen readers, so the same as shown text.
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'announce' &&
      node.arguments[0]
    ) {
      for (const literal of displayedLiterals(node.arguments[0]))
        report(literal, 'announce', literal.getText(source));
    }
    if (
      ts.isJsxExpression(node) &&
      node.expression &&
      (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))
    ) {
      for (const literal of displayedLiterals(node.expression))
        report(literal, 'child', literal.getText(source));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The renderer's .tsx and .ts files (not tests, not declarations), relative to `root`. */
export function rendererFiles(root: string, folder = 'src/renderer'): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name) && !/\.(test|d)\.tsx?$/.test(entry.name)) files.push(path);
    }
  };
  walk(folder);
  return files.sort();
}

export function scanRenderer(root: string): Untranslated[] {
  return rendererFiles(root).flatMap((file) =>
    scanSource(relative(root, join(root, file)), readFileSync(join(root, file), 'utf8')),
  );
}

/** The namespace of a renderer file: its top folder (`customers/CustomerList.tsx` → `customers`). */
export function namespaceOf(file: string): string {
  const match = /src\/renderer\/([^/]+)\//.exec(file);
  return match?.[1] ?? 'common';
}
