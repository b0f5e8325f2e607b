// Drawing for MatrixCanvas: the base layer (one pixel per matrix entry, scaled by the zoom, with
// grid lines and numbers once cells are large enough) and the highlight layer (row and column bands,
// outlined cells), which is all that is redrawn on hover.
import type { ZoomTransform } from 'd3';

/** What to light up: whole rows (accent band), whole columns (warm band), single cells. */
export interface CanvasHighlight {
  rows?: number[];
  cols?: number[];
  /** [row, col] pairs; `focus` is outlined strongest, `marks` filled warm, `window` outlined in accent. */
  focus?: [number, number][];
  marks?: [number, number][];
  window?: [number, number][];
}

export interface Frame {
  /** CSS pixels of the canvas. */
  width: number;
  height: number;
  dpr: number;
  /** CSS pixels per cell at zoom 1. */
  base: number;
  t: ZoomTransform;
  rows: number;
  cols: number;
}

/** Screen rectangle of a cell (CSS px). */
export function cellRect(f: Frame, row: number, col: number): [number, number, number, number] {
  const s = f.t.k * f.base;
  return [f.t.x + col * s, f.t.y + row * s, s, s];
}

/** The cell under a point (CSS px relative to the canvas), or null outside the matrix. */
export function cellAt(f: Frame, px: number, py: number): { row: number; col: number } | null {
  const s = f.t.k * f.base;
  const col = Math.floor((px - f.t.x) / s);
  const row = Math.floor((py - f.t.y) / s);
  return row >= 0 && row < f.rows && col >= 0 && col < f.cols ? { row, col } : null;
}

/** Visible cell range [first, last] on each axis. */
function visible(f: Frame): { r0: number; r1: number; c0: number; c1: number } {
  const s = f.t.k * f.base;
  return {
    r0: Math.max(0, Math.floor(-f.t.y / s)),
    r1: Math.min(f.rows - 1, Math.ceil((f.height - f.t.y) / s)),
    c0: Math.max(0, Math.floor(-f.t.x / s)),
    c1: Math.min(f.cols - 1, Math.ceil((f.width - f.t.x) / s)),
  };
}

export function drawBase(ctx: CanvasRenderingContext2D, f: Frame, bitmap: CanvasImageSource, pixels: Uint8ClampedArray, text?: (row: number, col: number) => string | null): void {
  const s = f.t.k * f.base;
  ctx.setTransform(f.dpr, 0, 0, f.dpr, 0, 0);
  ctx.clearRect(0, 0, f.width, f.height);
  ctx.save();
  ctx.translate(f.t.x, f.t.y);
  ctx.scale(s, s);
  // Below one screen pixel per cell, average (so thin diagonals stay visible); above, keep cells sharp.
  ctx.imageSmoothingEnabled = s * f.dpr < 1;
  ctx.drawImage(bitmap, 0, 0);
  ctx.restore();
  if (s < 7) return;
  const v = visible(f);
  ctx.strokeStyle = 'rgba(0, 0, 0, 0.16)';
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let r = v.r0; r <= v.r1 + 1; r++) {
    const y = Math.round(f.t.y + r * s) + 0.5;
    ctx.moveTo(f.t.x + v.c0 * s, y);
    ctx.lineTo(f.t.x + (v.c1 + 1) * s, y);
  }
  for (let c = v.c0; c <= v.c1 + 1; c++) {
    const x = Math.round(f.t.x + c * s) + 0.5;
    ctx.moveTo(x, f.t.y + v.r0 * s);
    ctx.lineTo(x, f.t.y + (v.r1 + 1) * s);
  }
  ctx.stroke();
  if (!text || s < 20) return;
  ctx.font = `${Math.min(16, Math.floor(s * 0.42))}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (let r = v.r0; r <= v.r1; r++) for (let c = v.c0; c <= v.c1; c++) {
    const label = text(r, c);
    if (label === null) continue;
    const i = (r * f.cols + c) * 4;
    const lum = 0.2126 * pixels[i] + 0.7152 * pixels[i + 1] + 0.0722 * pixels[i + 2];
    ctx.fillStyle = lum < 110 ? '#fff' : '#111';
    ctx.fillText(label, f.t.x + (c + 0.5) * s, f.t.y + (r + 0.5) * s);
  }
}

const ACCENT = '91, 63, 160';
const WARM = '192, 98, 12';

export function drawHighlight(ctx: CanvasRenderingContext2D, f: Frame, h: CanvasHighlight | null): void {
  ctx.setTransform(f.dpr, 0, 0, f.dpr, 0, 0);
  ctx.clearRect(0, 0, f.width, f.height);
  if (!h) return;
  const s = f.t.k * f.base;
  const [x0, y0] = [f.t.x, f.t.y];
  const [w, hgt] = [f.cols * s, f.rows * s];
  // Bands are at least 3 px thick, so a single row of a 676-row matrix is still visible.
  const band = (start: number, size: number) => (size >= 3 ? [start, size] : [start + size / 2 - 1.5, 3]);
  for (const r of h.rows ?? []) {
    const [y, bh] = band(y0 + r * s, s);
    ctx.fillStyle = `rgba(${ACCENT}, 0.28)`;
    ctx.fillRect(x0, y, w, bh);
    ctx.strokeStyle = `rgba(${ACCENT}, 0.9)`;
    ctx.lineWidth = 1;
    ctx.strokeRect(x0 + 0.5, y + 0.5, w - 1, bh - 1);
  }
  for (const c of h.cols ?? []) {
    const [x, bw] = band(x0 + c * s, s);
    ctx.fillStyle = `rgba(${WARM}, 0.28)`;
    ctx.fillRect(x, y0, bw, hgt);
    ctx.strokeStyle = `rgba(${WARM}, 0.9)`;
    ctx.lineWidth = 1;
    ctx.strokeRect(x + 0.5, y0 + 0.5, bw - 1, hgt - 1);
  }
  // Outlined cells keep a minimum on-screen size, so they stay visible when the matrix is zoomed out.
  const outline = (cells: [number, number][] | undefined, colour: string, width: number, fill?: string) => {
    if (!cells?.length) return;
    const size = Math.max(s, 6);
    ctx.lineWidth = width;
    ctx.strokeStyle = colour;
    for (const [r, c] of cells) {
      const x = x0 + c * s + s / 2 - size / 2;
      const y = y0 + r * s + s / 2 - size / 2;
      if (fill) {
        ctx.fillStyle = fill;
        ctx.fillRect(x, y, size, size);
      }
      ctx.strokeRect(x + width / 2, y + width / 2, size - width, size - width);
    }
  };
  outline(h.window, `rgb(${ACCENT})`, 2.5, `rgba(${ACCENT}, 0.25)`);
  outline(h.marks, `rgb(${WARM})`, 2.5, `rgba(${WARM}, 0.35)`);
  outline(h.focus, '#1d1a24', 3);
}
