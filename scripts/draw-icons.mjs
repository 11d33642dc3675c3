// Draws the app icon (a wallet on a teal tile) as PNGs in resources/: icon.png (1024×1024, from which
// electron-builder makes the macOS .icns and the Windows .ico) and icons/<n>x<n>.png for Linux.
// Run `node scripts/draw-icons.mjs` after changing the drawing; the PNGs are committed.
//
// Shapes are signed distances (negative inside), so every size is drawn from the same geometry in
// a 1×1 square; each pixel's coverage is the share of 4×4 sample points inside, for smooth edges.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
// pngjs comes with qrcode (a dependency already); it only encodes the pixels written here.
import { PNG } from 'pngjs';

const resources = join(import.meta.dirname, '..', 'resources');

/** Distance from (x, y) to a rectangle centred on (cx, cy) with half-sizes (hw, hh) and corner radius r. */
function roundedRect(x, y, cx, cy, hw, hh, r) {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;

const TEAL = [15, 118, 110];
const WHITE = [255, 255, 255];
const MINT = [204, 251, 241];

/** Layers, back to front: each a colour and a shape; the last one containing the point wins. */
const layers = [
  { color: TEAL, inside: (x, y) => roundedRect(x, y, 0.5, 0.5, 0.46, 0.46, 0.2) },
  // The wallet's body, and its flap across the top edge.
  { color: WHITE, inside: (x, y) => roundedRect(x, y, 0.5, 0.54, 0.3, 0.22, 0.06) },
  { color: MINT, inside: (x, y) => roundedRect(x, y, 0.47, 0.34, 0.25, 0.045, 0.04) },
  // The clasp: a tab on the right with a coin in it.
  { color: TEAL, inside: (x, y) => roundedRect(x, y, 0.72, 0.56, 0.12, 0.075, 0.05) },
  { color: WHITE, inside: (x, y) => circle(x, y, 0.7, 0.56, 0.035) },
];

function draw(size) {
  const png = new PNG({ width: size, height: size });
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          const top = layers.findLast((layer) => layer.inside(x, y) <= 0);
          if (!top) continue;
          r += top.color[0];
          g += top.color[1];
          b += top.color[2];
          a += 1;
        }
      }
      const i = (py * size + px) * 4;
      // Colours are averaged over the covered samples only: edges fade in alpha, not towards black.
      png.data[i] = a ? Math.round(r / a) : 0;
      png.data[i + 1] = a ? Math.round(g / a) : 0;
      png.data[i + 2] = a ? Math.round(b / a) : 0;
      png.data[i + 3] = Math.round((255 * a) / (samples * samples));
    }
  }
  return PNG.sync.write(png);
}

mkdirSync(join(resources, 'icons'), { recursive: true });
writeFileSync(join(resources, 'icon.png'), draw(1024));
for (const size of [16, 32, 48, 64, 128, 256, 512]) {
  writeFileSync(join(resources, 'icons', `${size}x${size}.png`), draw(size));
}
console.log(`icons written to ${resources}`);
