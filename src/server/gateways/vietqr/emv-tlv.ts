/**
 * EMVCo MPM data objects: a 2-digit ID, a 2-digit length ("01".."99"), then that many characters of
 * value. Templates (e.g. ID 38, 62) nest the same layout inside their value. Lengths count characters,
 * not bytes; the values VietQR uses are ASCII, where the two agree.
 */

export class EmvFormatError extends Error {
  override readonly name = 'EmvFormatError';
}

export interface EmvField {
  id: string;
  value: string;
}

export function encodeField(id: string, value: string): string {
  if (!/^\d{2}$/.test(id)) throw new EmvFormatError(`field id must be two digits: ${id}`);
  const length = [...value].length;
  if (length < 1 || length > 99)
    throw new EmvFormatError(`field ${id} must hold 1 to 99 characters, not ${length}`);
  return `${id}${String(length).padStart(2, '0')}${value}`;
}

export function encodeFields(fields: readonly EmvField[]): string {
  return fields.map((f) => encodeField(f.id, f.value)).join('');
}

/** Splits a run of data objects; refuses a short read, a bad length, or an ID seen twice. */
export function decodeFields(text: string): EmvField[] {
  const chars = [...text];
  const fields: EmvField[] = [];
  const seen = new Set<string>();
  let at = 0;
  while (at < chars.length) {
    const id = chars.slice(at, at + 2).join('');
    const lengthText = chars.slice(at + 2, at + 4).join('');
    if (!/^\d{2}$/.test(id) || !/^\d{2}$/.test(lengthText)) {
      throw new EmvFormatError(`malformed data object at character ${at}`);
    }
    const length = Number(lengthText);
    if (length === 0 || at + 4 + length > chars.length) {
      throw new EmvFormatError(`field ${id} claims ${length} characters at ${at}; the payload disagrees`);
    }
    if (seen.has(id)) throw new EmvFormatError(`field ${id} appears twice`);
    seen.add(id);
    fields.push({ id, value: chars.slice(at + 4, at + 4 + length).join('') });
    at += 4 + length;
  }
  return fields;
}
