import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { rendererFiles, scanRenderer, scanSource } from './i18n-scan.js';

/**
 * The console is complete in English and Vietnamese: every key of every namespace is in both
 * languages, non-empty, with the same {{placeholders}} and the plural forms each language needs;
 * every key the code asks for exists; and no text a person reads in the renderer bypasses t().
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const catalogs = join(root, 'src/renderer/i18n');
const LANGUAGES = ['en', 'vi'] as const;
const PLURAL = /_(zero|one|two|few|many|other)$/;

type Catalog = Record<string, string>;
function load(language: string): Record<string, Catalog> {
  const namespaces: Record<string, Catalog> = {};
  for (const file of readdirSync(join(catalogs, language)).filter((f) => f.endsWith('.json'))) {
    namespaces[file.replace(/\.json$/, '')] = JSON.parse(
      readFileSync(join(catalogs, language, file), 'utf8'),
    );
  }
  return namespaces;
}
const loaded = { en: load('en'), vi: load('vi') };

function placeholders(value: string): string[] {
  return [...value.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]!).sort();
}

/** Keys without their plural suffix, each with the suffixes present. */
function baseKeys(catalog: Catalog): Map<string, Set<string>> {
  const keys = new Map<string, Set<string>>();
  for (const key of Object.keys(catalog)) {
    const match = PLURAL.exec(key);
    const base = match ? key.slice(0, match.index) : key;
    const forms = keys.get(base) ?? new Set<string>();
    if (match) forms.add(match[1]!);
    keys.set(base, forms);
  }
  return keys;
}

describe('translation catalogs', () => {
  it('have the same namespaces in every language', () => {
    expect(Object.keys(loaded.vi).sort()).toEqual(Object.keys(loaded.en).sort());
  });

  for (const namespace of Object.keys(loaded.en).sort()) {
    it(`${namespace}: every key in both languages, non-empty, same placeholders, the plural forms each needs`, () => {
      const problems: string[] = [];
      const bases = Object.fromEntries(LANGUAGES.map((l) => [l, baseKeys(loaded[l][namespace] ?? {})]));
      const all = new Set(LANGUAGES.flatMap((l) => [...bases[l]!.keys()]));
      for (const base of [...all].sort()) {
        for (const language of LANGUAGES) {
          const catalog = loaded[language][namespace] ?? {};
          const forms = bases[language]!.get(base);
          if (!forms) {
            problems.push(`${language}: missing "${base}"`);
            continue;
          }
          const pluralInOther = LANGUAGES.some((l) => (bases[l]!.get(base)?.size ?? 0) > 0);
          const needed = pluralInOther
            ? new Intl.PluralRules(language).resolvedOptions().pluralCategories
            : [];
          for (const form of needed)
            if (!forms.has(form)) problems.push(`${language}: missing "${base}_${form}"`);
          const keys = forms.size ? [...forms].map((f) => `${base}_${f}`) : [base];
          for (const key of keys) {
            const value = catalog[key];
            if (typeof value !== 'string' || value.trim() === '')
              problems.push(`${language}: "${key}" is empty`);
          }
        }
        const shapes = LANGUAGES.map((language) => {
          const catalog = loaded[language][namespace] ?? {};
          const values = Object.entries(catalog).filter(
            ([k]) => k === base || k.replace(PLURAL, '') === base,
          );
          return [...new Set(values.flatMap(([, v]) => placeholders(v)))].sort().join(',');
        });
        if (new Set(shapes).size > 1)
          problems.push(`"${base}" placeholders differ: en {${shapes[0]}} vi {${shapes[1]}}`);
      }
      expect(problems).toEqual([]);
    });
  }
});

/** `useTranslation('ns')` of a file, and the keys its t() / i18n.t() calls name literally. */
function keysAsked(file: string): { key: string; namespaces: string[]; line: number }[] {
  const text = readFileSync(join(root, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const namespaces = new Set<string>();
  const asked: { key: string; namespaces: string[]; line: number }[] = [];
  const calls: ts.CallExpression[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isIdentifier(callee)
        ? callee.text
        : ts.isPropertyAccessExpression(callee)
          ? callee.name.text
          : '';
      const first = node.arguments[0];
      if (name === 'useTranslation' && first && ts.isStringLiteral(first)) namespaces.add(first.text);
      if (name === 't' && first && ts.isStringLiteral(first)) calls.push(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  for (const call of calls) {
    const key = (call.arguments[0] as ts.StringLiteral).text;
    const line = source.getLineAndCharacterOfPosition(call.getStart(source)).line + 1;
    asked.push({ key, namespaces: [...namespaces, 'common'], line });
  }
  return asked;
}

/** The t(), i18n.t() and i18n.exists() calls of a file whose key is a template, as `file:line`. */
function keysBuilt(file: string): string[] {
  const source = ts.createSourceFile(
    file,
    readFileSync(join(root, file), 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );
  const built: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isIdentifier(callee)
        ? callee.text
        : ts.isPropertyAccessExpression(callee)
          ? callee.name.text
          : '';
      const first = node.arguments[0];
      if ((name === 't' || name === 'exists') && first && ts.isTemplateExpression(first))
        built.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return built;
}

function exists(language: 'en' | 'vi', namespace: string, key: string): boolean {
  const catalog = loaded[language][namespace];
  if (!catalog) return false;
  return key in catalog || Object.keys(catalog).some((k) => k.replace(PLURAL, '') === key);
}

/** `<Trans i18nKey="…" components={{ link: … }} />` in a file: its key, and the tags its components give. */
function transUses(
  file: string,
): { key: string; namespaces: string[]; line: number; components: string[] | null }[] {
  const text = readFileSync(join(root, file), 'utf8');
  if (!text.includes('<Trans')) return [];
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const namespaces = keysAsked(file)[0]?.namespaces ?? [];
  const declared = new Set<string>(namespaces);
  const uses: { key: string; namespaces: string[]; line: number; components: string[] | null }[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'useTranslation'
    ) {
      const first = node.arguments[0];
      if (first && ts.isStringLiteral(first)) declared.add(first.text);
    }
    if (
      (ts.isJsxSelfClosingElement(node) || ts.isJsxOpeningElement(node)) &&
      node.tagName.getText(source) === 'Trans'
    ) {
      let key: string | null = null;
      let components: string[] | null = null;
      for (const attribute of node.attributes.properties) {
        if (!ts.isJsxAttribute(attribute) || !attribute.initializer) continue;
        const name = attribute.name.getText(source);
        const init = attribute.initializer;
        if (name === 'i18nKey' && ts.isStringLiteral(init)) key = init.text;
        if (name === 'components' && ts.isJsxExpression(init) && init.expression) {
          const object = init.expression;
          if (ts.isObjectLiteralExpression(object))
            components = object.properties.map((p) => p.name?.getText(source) ?? '').sort();
        }
      }
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      uses.push({ key: key ?? '<no literal i18nKey>', namespaces: [], line, components });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return uses.map((u) => ({ ...u, namespaces: [...declared, 'common'] }));
}

const VOID_ELEMENTS = new Set(
  'area base br col embed hr img input link meta param source track wbr'.split(' '),
);

/** The tags a translation wraps text in (`<link>…</link>`, `<1>…</1>`), sorted, each once. */
function tags(value: string): string[] {
  return [...new Set([...value.matchAll(/<(\w+)\s*\/?>/g)].map((m) => m[1]!))].sort();
}

function valueOf(language: 'en' | 'vi', namespace: string, key: string): string | undefined {
  return loaded[language][namespace]?.[key];
}

describe('the renderer', () => {
  it('asks only for keys that exist in both languages', () => {
    const missing: string[] = [];
    for (const file of rendererFiles(root)) {
      for (const { key, namespaces, line } of keysAsked(file)) {
        const [namespace, bare] = key.includes(':') ? (key.split(':', 2) as [string, string]) : [null, key];
        const candidates = namespace ? [namespace] : namespaces;
        for (const language of LANGUAGES) {
          if (!candidates.some((ns) => exists(language, ns, bare))) {
            missing.push(`${file}:${line} ${language} has no "${key}" in ${candidates.join('/')}`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('gives every <Trans> a key in both languages, with the same tags, each one a component it passes', () => {
    const problems: string[] = [];
    let seen = 0;
    for (const file of rendererFiles(root)) {
      for (const { key, namespaces, line, components } of transUses(file)) {
        seen++;
        const [namespace, bare] = key.includes(':') ? (key.split(':', 2) as [string, string]) : [null, key];
        const candidates = namespace ? [namespace] : namespaces;
        const found = LANGUAGES.map((language) => {
          const ns = candidates.find((n) => valueOf(language, n, bare) !== undefined);
          return ns === undefined ? undefined : valueOf(language, ns, bare);
        });
        if (found.some((v) => v === undefined)) {
          problems.push(`${file}:${line} <Trans i18nKey="${key}"> is missing in ${candidates.join('/')}`);
          continue;
        }
        const [en, vi] = found.map((v) => tags(v!));
        // i18next parses these as HTML void elements: `<link>Customers</link>` renders an empty link
        // followed by the word, so a tag wrapping text must not be named like one.
        for (const value of found)
          for (const tag of tags(value!))
            if (VOID_ELEMENTS.has(tag) && value!.includes(`</${tag}>`))
              problems.push(
                `${file}:${line} "${key}" wraps text in <${tag}>, an HTML void element: rename it`,
              );
        if (en!.join() !== vi!.join())
          problems.push(
            `${file}:${line} "${key}" tags differ: en <${en!.join('>,<')}> vi <${vi!.join('>,<')}>`,
          );
        if (components && en!.some((tag) => !components.includes(tag)))
          problems.push(
            `${file}:${line} "${key}" wraps <${en!.join('>,<')}> but gives only ${components.join(', ')}`,
          );
      }
    }
    expect(problems).toEqual([]);
    // The sentences once split around a link are whole sentences now; this fails if the scan finds none.
    expect(seen).toBeGreaterThanOrEqual(4);
  });

  it('sees the network names and Verify my payment’s answers, which name their keys whole', () => {
    const files = ['src/renderer/top-up/crypto-rails.ts', 'src/renderer/payments/verify-words.ts'];
    // A key built from a template (`top-up:ts.networkName.${network}`) is one the check above cannot see.
    expect(files.flatMap(keysBuilt)).toEqual([]);
    const seen = files.flatMap((file) => keysAsked(file).map((k) => k.key));
    expect(seen).toEqual(
      expect.arrayContaining([
        'top-up:ts.networkName.bitcoin',
        'top-up:ts.networkName.ethereum',
        'top-up:ts.networkName.tron',
        'top-up:ts.networkName.testnet',
        'payments:verifyAnswer.notFound.chain',
        'payments:verifyAnswer.notFound.bank',
      ]),
    );
  });

  it('shows no text that bypasses t() (JSX text, user-visible props, displayed literals, announcements)', () => {
    const untranslated = scanRenderer(root).map(
      (u) => `${u.file}:${u.line} ${u.kind} ${JSON.stringify(u.text)}`,
    );
    expect(untranslated).toEqual([]);
  });
});

describe('the untranslated-text check', () => {
  const found = (code: string) => scanSource('probe.tsx', code).map((u) => `${u.kind} ${u.text}`);

  it('fires on JSX text, on literals in user-visible props and on displayed branches', () => {
    expect(found(`const a = <button aria-label="Close dialog">Save</button>;`)).toEqual([
      'prop Close dialog',
      'jsx-text Save',
    ]);
    expect(found("const a = <p title={busy ? 'Saving…' : `Saved ${n}`}>{busy && 'Wait'}</p>;")).toEqual([
      "prop 'Saving…'",
      'prop `Saved ${n}`',
      "child 'Wait'",
    ]);
    expect(found(`const a = <span>{plural(n, 'change')}</span>;`)).toEqual(["child 'change'"]);
  });

  it('checks plain .ts modules too: literals in visible fields of objects, and what announce() says', () => {
    const inModule = (code: string) => scanSource('probe.ts', code).map((u) => `${u.kind} ${u.text}`);
    expect(
      inModule(
        "export const s = { pending: { label: 'Pending check', tone: 'pending' } };\n" +
          "export const e = (ok: boolean) => (ok ? { ok } : { ok, message: `Enter ${'a'} date.` });\n" +
          "announce(done ? 'Wallet closed' : i18n.t('wallet:announce.walletStaysOpen'));",
      ),
    ).toEqual(["prop 'Pending check'", "prop `Enter ${'a'} date.`", "announce 'Wallet closed'"]);
    expect(
      inModule("export const s = { label: i18n.t('payers:methodStatus.pending'), key: 'USDT/tron' };"),
    ).toEqual([]);
  });

  it('stays quiet on t() keys, class names, comparisons, symbols and names that read the same everywhere', () => {
    expect(
      found(
        `const a = <p className="muted" title={t('title')} data-testid="row">{status === 'paid' && t('paid')} — 42 {formatAmount(1, 'USD')} VietQR</p>;`,
      ),
    ).toEqual([]);
  });
});
