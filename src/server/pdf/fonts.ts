import { createRequire } from 'node:module';
import type PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);

/** The names the documents use after registerUnicodeFonts. */
export const BODY_FONT = 'DejaVuSans';
export const BOLD_FONT = 'DejaVuSans-Bold';

/** The TrueType files of the `dejavu-fonts-ttf` package (a dependency, so present wherever the API runs). */
export const unicodeFontFiles = {
  body: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
};

/**
 * Embeds DejaVu Sans (regular and bold) and makes it the document's font. pdfkit's standard fonts are
 * Latin-1 (WinAnsi) only: a customer named "Nguyễn Văn Anh" would print as garbage. An embedded
 * TrueType font is subset to the glyphs used and written with a ToUnicode map, so the text can also
 * be searched and copied out of the PDF.
 */
export function useUnicodeFonts(doc: InstanceType<typeof PDFDocument>): void {
  doc.registerFont(BODY_FONT, unicodeFontFiles.body);
  doc.registerFont(BOLD_FONT, unicodeFontFiles.bold);
  doc.font(BODY_FONT);
}
