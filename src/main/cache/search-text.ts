/**
 * Text as the search index stores it and as a query is matched against it: lower case, accents
 * removed ("Nguyễn" → "nguyen"), and Vietnamese đ read as d, which Unicode does not decompose and
 * SQLite's unicode61 tokenizer therefore keeps ("Đức" → "duc").
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

/** Word pieces up to this length are looked up in the index's prefix indexes (cache migration 150). */
export const INDEXED_PREFIX = 6;

/**
 * FTS5 queries for words starting with each of the query's words (all of them): "ngu van" finds
 * "Nguyễn Văn An". Null when the query holds no word. Each word is quoted, so nothing the user
 * types is read as FTS5 syntax.
 *
 * A prefix up to INDEXED_PREFIX letters is one entry of a prefix index, read newest first and
 * stopped at the limit. A longer word is matched whole first (`exact`, as fast); only if that finds
 * too little is it read as a prefix (`prefix`), which makes SQLite merge every word it begins.
 */
export function wordsQuery(query: string): { exact: string; prefix: string } | null {
  const words = foldForSearch(query).match(/[\p{L}\p{N}]+/gu);
  if (!words) return null;
  const some = words.slice(0, 8);
  const term = (word: string, whole: boolean) =>
    whole && [...word].length > INDEXED_PREFIX ? `"${word}"` : `"${word}"*`;
  return {
    exact: some.map((word) => term(word, true)).join(' AND '),
    prefix: some.map((word) => term(word, false)).join(' AND '),
  };
}

/**
 * An FTS5 query (trigram tokenizer) for the query as a piece of an identifier — a transaction hash,
 * an address, a memo code, a reference — anywhere inside it: "c34ef" finds "0xab12c34ef56". Null
 * below three characters, the trigram index's least.
 */
export function codesQuery(query: string): string | null {
  const code = foldForSearch(query).trim();
  if ([...code].length < 3) return null;
  return `"${code.replace(/"/g, '""')}"`;
}
