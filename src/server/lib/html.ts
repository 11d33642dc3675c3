/** Escapes text for HTML content and attribute values (the hosted pages build markup by hand). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
