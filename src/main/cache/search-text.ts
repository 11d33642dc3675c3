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

/**
 * An FTS5 query for words starting with each of the query's words (all of them): "ngu van" finds
 * "Nguyễn Văn An". Null when the query holds no word. Each word is quoted, so nothing the user
 * types is read as FTS5 syntax.
 */
export function wordsQuery(query: string): string | null {
  const words = foldForSearch(query).match(/[\p{L}\p{N}]+/gu);
  if (!words) return null;
  return words
    .slice(0, 8)
    .map((word) => `"${word}"*`)
    .join(' AND ');
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
