/** Saves text as a file through the browser's download (a Blob and a short-lived object URL). */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = safeFilename(filename);
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next task: the download has started by then, and the memory comes back.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A file name with nothing a file system or a path could trip on. */
export function safeFilename(name: string): string {
  const cleaned = [...name]
    .map((char) => (char.charCodeAt(0) < 0x20 ? '-' : char))
    .join('')
    .replace(/[\\/:*?"<>|]+/g, '-')
    .replace(/^[.\s]+/, '')
    .trim();
  return cleaned === '' ? 'export.csv' : cleaned.slice(0, 180);
}

/** Saves base64-encoded bytes (a PDF) as a file, like downloadText. */
export function downloadBytes(filename: string, base64: string, type: string): void {
  const binary = atob(base64);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = safeFilename(filename);
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Starts a download of a same-origin address (a file the browser host wrote), named by its server. */
export function downloadFrom(url: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = '';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
}
