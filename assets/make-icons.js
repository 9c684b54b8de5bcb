// Draws the add-in's icons (16, 32, 64, 80 and 128 px) with pngjs: a blue tile with two
// stacked kit boxes and a blanket band, supersampled 4x for smooth edges.
// Run: node assets/make-icons.js
const fs = require("fs");
const path = require("path");
const { PNG } = require("pngjs");

const SIZES = [16, 32, 64, 80, 128];
const BLUE = [15, 108, 189];
const WHITE = [255, 255, 255];
const AMBER = [255, 185, 0];

/** Shapes on a 0..1 canvas; later shapes paint over earlier ones. */
function colorAt(x, y) {
  const inRoundRect = (x0, y0, x1, y1, r) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
  const inRect = (x0, y0, x1, y1) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
  let color = null;
  if (inRoundRect(0, 0, 1, 1, 0.18)) color = BLUE;
  // Two kit boxes, stacked and offset.
  if (inRect(0.2, 0.42, 0.62, 0.8)) color = WHITE;
  if (inRect(0.26, 0.48, 0.56, 0.74)) color = BLUE;
  if (inRect(0.38, 0.2, 0.8, 0.58)) color = WHITE;
  if (inRect(0.44, 0.26, 0.74, 0.52)) color = BLUE;
  // The blanket agreement: a band across the boxes.
  if (inRect(0.14, 0.62, 0.86, 0.7)) color = AMBER;
  return color;
}

function draw(size) {
  const png = new PNG({ width: size, height: size });
  const ss = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const c = colorAt((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a++;
        }
      }
      const i = (py * size + px) * 4;
      png.data[i] = a ? Math.round(r / a) : 0;
      png.data[i + 1] = a ? Math.round(g / a) : 0;
      png.data[i + 2] = a ? Math.round(b / a) : 0;
      png.data[i + 3] = Math.round((a / (ss * ss)) * 255);
    }
  }
  return PNG.sync.write(png);
}

for (const size of SIZES) fs.writeFileSync(path.join(__dirname, `icon-${size}.png`), draw(size));
process.stdout.write(`Wrote ${SIZES.map((s) => `icon-${s}.png`).join(", ")} in ${__dirname}\n`);
