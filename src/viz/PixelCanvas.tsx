// A small image (a digit, a filter, a feature map) on a canvas: one canvas pixel per value, scaled
// up by CSS with sharp edges. Colours come from a colour map through a 256-entry lookup table, so
// redrawing a map at training speed costs a loop, not a colour parse per pixel.
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import { colourBytes } from './weightColours';

/** A colour map sampled 256 times over [lo, hi]: value → [r, g, b]. */
export interface ColourTable {
  lo: number;
  hi: number;
  rgb: Uint8ClampedArray; // 256 × 3
}

export function colourTable(scale: (v: number) => string, lo: number, hi: number): ColourTable {
  const rgb = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) rgb.set(colourBytes(scale(lo + ((hi - lo) * i) / 255)), i * 3);
  return { lo, hi, rgb };
}

/** Ink on paper: 0 → white, 1 → near-black, as a student writes a digit. */
export const INK: ColourTable = (() => {
  const rgb = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) rgb.fill(Math.round(255 - i * (230 / 255)), i * 3, i * 3 + 3);
  return { lo: 0, hi: 1, rgb };
})();

/** RGBA pixels of `values[offset + (y · width + x) · stride]`, coloured by `table`. */
export function paint(values: ArrayLike<number>, width: number, height: number, table: ColourTable, stride = 1, offset = 0): ImageData {
  const img = new ImageData(width, height);
  const span = table.hi - table.lo || 1;
  for (let i = 0; i < width * height; i++) {
    const v = values[offset + i * stride];
    const t = Math.max(0, Math.min(255, Math.round(((v - table.lo) / span) * 255)));
    img.data[i * 4] = table.rgb[t * 3];
    img.data[i * 4 + 1] = table.rgb[t * 3 + 1];
    img.data[i * 4 + 2] = table.rgb[t * 3 + 2];
    img.data[i * 4 + 3] = 255;
  }
  return img;
}

export interface PixelCanvasHandle {
  /** Redraws without a React render (live filters). */
  draw(values: ArrayLike<number>, table: ColourTable, stride?: number, offset?: number): void;
}

export interface PixelCanvasProps {
  width: number;
  height: number;
  values?: ArrayLike<number>;
  table?: ColourTable;
  /** Values of one image are `stride` apart from `offset` (e.g. channel c of an HWC map). */
  stride?: number;
  offset?: number;
  /** CSS pixels per value. */
  scale: number;
  label: string;
  className?: string;
  handle?: Ref<PixelCanvasHandle>;
  testId?: string;
}

export function PixelCanvas({ width, height, values, table, stride = 1, offset = 0, scale, label, className, handle, testId }: PixelCanvasProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const draw = (v: ArrayLike<number>, t: ColourTable, s = 1, o = 0) => {
    const ctx = canvas.current?.getContext('2d');
    if (ctx) ctx.putImageData(paint(v, width, height, t, s, o), 0, 0);
  };
  useImperativeHandle(handle, () => ({ draw }));
  useEffect(() => {
    if (values && table) draw(values, table, stride, offset);
  });
  return (
    <canvas
      ref={canvas}
      width={width}
      height={height}
      role="img"
      aria-label={label}
      className={className}
      data-testid={testId}
      style={{ width: width * scale, height: height * scale, imageRendering: 'pixelated' }}
    />
  );
}
