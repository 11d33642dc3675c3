/**
 * Vietnamese banks and their feed services write local time (UTC+7, no daylight saving) without a
 * zone. These convert between that text and instants, so date ranges and "since" work in UTC.
 */
const OFFSET_MS = 7 * 60 * 60_000;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function local(at: Date) {
  const shifted = new Date(at.getTime() + OFFSET_MS);
  return {
    y: pad(shifted.getUTCFullYear(), 4),
    mo: pad(shifted.getUTCMonth() + 1),
    d: pad(shifted.getUTCDate()),
    h: pad(shifted.getUTCHours()),
    mi: pad(shifted.getUTCMinutes()),
    s: pad(shifted.getUTCSeconds()),
  };
}

/** "03/08/2024": the dd/mm/yyyy dates of Pay2s's history request. */
export function vietnamDate(at: Date): string {
  const { y, mo, d } = local(at);
  return `${d}/${mo}/${y}`;
}

/** "2024-08-03 02:23:11": how Pay2s writes a statement line's time. */
export function vietnamIsoDateTime(at: Date): string {
  const { y, mo, d, h, mi, s } = local(at);
  return `${y}-${mo}-${d} ${h}:${mi}:${s}`;
}

/** "03/08/2024 02:23:11": how Web2m writes a statement line's time. */
export function vietnamDmyDateTime(at: Date): string {
  const { y, mo, d, h, mi, s } = local(at);
  return `${d}/${mo}/${y} ${h}:${mi}:${s}`;
}

/** Reads either form back into an instant; null for anything else (the caller keeps the line). */
export function parseVietnamDateTime(text: string): Date | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(text.trim());
  const dmy = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2})$/.exec(text.trim());
  const parts = iso
    ? [iso[1], iso[2], iso[3], iso[4], iso[5], iso[6]]
    : dmy
      ? [dmy[3], dmy[2], dmy[1], dmy[4], dmy[5], dmy[6]]
      : null;
  if (!parts) return null;
  const [y, mo, d, h, mi, s] = parts.map(Number) as [number, number, number, number, number, number];
  const utc = Date.UTC(y, mo - 1, d, h, mi, s) - OFFSET_MS;
  return Number.isNaN(utc) ? null : new Date(utc);
}
