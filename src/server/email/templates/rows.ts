import { escapeHtml } from '../../lib/html.js';

/**
 * The label/value block the receipts and notices share: the same lines as plain text and as an
 * HTML table, values escaped once here.
 */
export function detailRows(rows: Array<[string, string]>): { text: string; html: string } {
  return {
    text: rows.map(([label, value]) => `${label}: ${value}`).join('\n'),
    html: `<table>\n${rows
      .map(
        ([label, value]) =>
          `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`,
      )
      .join('\n')}\n</table>`,
  };
}
