// A matrix too large for HTML cells (e.g. the 676 × 784 Toeplitz matrix) on two stacked canvases:
// the base layer holds one pixel per entry and is redrawn only when the data or zoom changes; the
// highlight layer is all that hover redraws, through an imperative handle (no React render per move).
// Optional d3-zoom (zoomController), keyboard cursor (arrows, Enter, + − 0), numbers when zoomed in.
import { useEffect, useImperativeHandle, useLayoutEffect, useRef, useState, type Ref } from 'react';
import { zoomIdentity, type ZoomTransform } from 'd3';
import { cellAt, drawBase, drawHighlight, type CanvasHighlight, type Frame } from './canvasDraw';
import { createZoomController, type ZoomController } from './zoomController';
import './MatrixCanvas.css';

export type { CanvasHighlight } from './canvasDraw';
export interface CanvasCell { row: number; col: number }
/** Zoom as a scale and the matrix entry at the centre of the view, so it survives other screen sizes. */
export interface CanvasZoom { k: number; row: number; col: number }

export interface MatrixCanvasHandle {
  highlight(h: CanvasHighlight | null): void;
  zoomBy(k: number): void;
  resetZoom(): void;
}

export interface MatrixCanvasProps {
  rows: number;
  cols: number;
  /** RGBA bytes per entry, row-major (rows · cols · 4). */
  pixels: Uint8ClampedArray;
  /** Accessible name, e.g. "Toeplitz matrix T, 676 by 784". */
  label: string;
  /** Fixed CSS pixels per cell; otherwise the matrix fits the container's width and `maxHeight`. */
  cellSize?: number;
  /** Default: 80 % of the window's height. */
  maxHeight?: number;
  zoomable?: boolean;
  initialZoom?: CanvasZoom;
  onZoomEnd?: (z: CanvasZoom) => void;
  onHover?: (cell: CanvasCell | null) => void;
  onSelect?: (cell: CanvasCell) => void;
  /** A number to print in a cell once cells are large enough (≥ 20 px). */
  text?: (row: number, col: number) => string | null;
  testId?: string;
  handle?: Ref<MatrixCanvasHandle>;
}

export function MatrixCanvas(props: MatrixCanvasProps) {
  const { rows, cols, pixels, label, cellSize, zoomable, testId } = props;
  const maxHeight = props.maxHeight ?? Math.max(520, Math.round(window.innerHeight * 0.8));
  const box = useRef<HTMLDivElement>(null);
  const baseCanvas = useRef<HTMLCanvasElement>(null);
  const topCanvas = useRef<HTMLCanvasElement>(null);
  const [boxWidth, setBoxWidth] = useState(0);
  const live = useRef(props);
  live.current = props;
  const t = useRef<ZoomTransform>(zoomIdentity);
  const lit = useRef<CanvasHighlight | null>(null);
  const cursor = useRef<CanvasCell | null>(null);
  const zoomer = useRef<ZoomController | null>(null);

  // One pixel per entry, drawn once per data change into an off-screen bitmap.
  const bitmap = useRef<HTMLCanvasElement | null>(null);
  useLayoutEffect(() => {
    const b = bitmap.current ?? (bitmap.current = document.createElement('canvas'));
    b.width = cols;
    b.height = rows;
    b.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(pixels), cols, rows), 0, 0);
  }, [pixels, rows, cols]);

  useLayoutEffect(() => {
    if (cellSize || !box.current) return;
    const el = box.current;
    const measure = () => setBoxWidth(el.clientWidth);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [cellSize]);

  const base = cellSize ?? (boxWidth ? Math.min(boxWidth / cols, maxHeight / rows) : 0);
  const width = Math.floor(cols * base);
  const height = Math.floor(rows * base);
  const frame = (): Frame => ({ width, height, dpr: window.devicePixelRatio || 1, base, t: t.current, rows, cols });

  const drawAll = () => {
    const f = frame();
    if (!f.base || !bitmap.current) return;
    const b = baseCanvas.current?.getContext('2d');
    const h = topCanvas.current?.getContext('2d');
    if (b) drawBase(b, f, bitmap.current, live.current.pixels, live.current.text);
    if (h) drawHighlight(h, f, lit.current);
  };
  const redraw = useRef(drawAll);
  redraw.current = drawAll;

  useLayoutEffect(() => {
    for (const c of [baseCanvas.current, topCanvas.current]) {
      if (!c) continue;
      const dpr = window.devicePixelRatio || 1;
      c.width = Math.max(1, Math.round(width * dpr));
      c.height = Math.max(1, Math.round(height * dpr));
    }
    if (zoomable && topCanvas.current && base) {
      const view = { width, height, contentWidth: width, contentHeight: height, maxScale: Math.max(1, 48 / base) };
      if (!zoomer.current) {
        zoomer.current = createZoomController({
          node: topCanvas.current, ...view,
          onZoom: (next) => { t.current = next; redraw.current(); },
          onEnd: (end) => live.current.onZoomEnd?.({ k: end.k, row: (height / 2 - end.y) / (end.k * base), col: (width / 2 - end.x) / (end.k * base) }),
        });
        const z = live.current.initialZoom;
        if (z && z.k > 1) zoomer.current.centreOn(z.k, z.col * base, z.row * base);
      } else zoomer.current.update(view);
    }
    redraw.current();
  }, [width, height, base, zoomable, pixels]);
  useEffect(() => () => { zoomer.current?.destroy(); zoomer.current = null; }, []);

  const setHighlight = (h: CanvasHighlight | null) => {
    lit.current = h;
    const ctx = topCanvas.current?.getContext('2d');
    if (ctx && base) drawHighlight(ctx, frame(), h);
    topCanvas.current?.setAttribute('data-highlight', h ? JSON.stringify(h) : '');
  };
  useImperativeHandle(props.handle, () => ({
    highlight: setHighlight,
    zoomBy: (k) => zoomer.current?.scaleBy(k),
    resetZoom: () => zoomer.current?.reset(),
  }));

  const hoverAt = (clientX: number, clientY: number) => {
    const r = topCanvas.current!.getBoundingClientRect();
    const cell = cellAt(frame(), clientX - r.left, clientY - r.top);
    const old = cursor.current;
    if (cell?.row === old?.row && cell?.col === old?.col) return;
    cursor.current = cell;
    live.current.onHover?.(cell);
  };
  const onKey = (e: React.KeyboardEvent) => {
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1], PageUp: [-10, 0], PageDown: [10, 0] };
    if (e.key in moves) {
      e.preventDefault();
      const [dr, dc] = moves[e.key];
      const c = cursor.current ?? { row: 0, col: 0 };
      const next = { row: Math.min(rows - 1, Math.max(0, c.row + (cursor.current ? dr : 0))), col: Math.min(cols - 1, Math.max(0, c.col + (cursor.current ? dc : 0))) };
      cursor.current = next;
      live.current.onHover?.(next);
      const s = t.current.k * base;
      const [x, y] = [t.current.x + next.col * s, t.current.y + next.row * s];
      if (zoomer.current && (x < 0 || y < 0 || x + s > width || y + s > height)) zoomer.current.centreOn(t.current.k, (next.col + 0.5) * base, (next.row + 0.5) * base);
    } else if (e.key === 'Enter' && cursor.current) live.current.onSelect?.(cursor.current);
    else if (zoomable && (e.key === '+' || e.key === '=')) zoomer.current?.scaleBy(2);
    else if (zoomable && e.key === '-') zoomer.current?.scaleBy(0.5);
    else if (zoomable && e.key === '0') zoomer.current?.reset();
  };

  return (
    <div className="matrix-canvas" ref={box} data-testid={testId} style={cellSize ? { width } : undefined}>
      <div className="matrix-canvas-stack" style={{ width, height }}>
        <canvas ref={baseCanvas} style={{ width, height }} aria-hidden="true" />
        <canvas
          ref={topCanvas}
          style={{ width, height }}
          className="matrix-canvas-top"
          tabIndex={0}
          role="img"
          aria-label={`${label}. Arrow keys move through the entries${zoomable ? '; + and − zoom, 0 resets' : ''}; Enter keeps the entry in the link.`}
          data-rows={rows}
          data-cols={cols}
          onPointerMove={(e) => hoverAt(e.clientX, e.clientY)}
          onPointerDown={(e) => e.currentTarget.focus({ preventScroll: true })}
          onPointerLeave={() => { cursor.current = null; live.current.onHover?.(null); }}
          onClick={(e) => {
            const r = e.currentTarget.getBoundingClientRect();
            const cell = cellAt(frame(), e.clientX - r.left, e.clientY - r.top);
            if (cell) live.current.onSelect?.(cell);
          }}
          onKeyDown={onKey}
        />
      </div>
    </div>
  );
}
