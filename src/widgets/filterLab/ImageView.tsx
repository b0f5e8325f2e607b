// The original and the filtered image, side by side or as one picture with a split slider; the
// pixel under the pointer (or moved with the arrow keys) is the one the inspector explains, and
// a square marks the neighbourhood the kernel covers there. The engine draws into both canvases.
import type { KeyboardEvent, PointerEvent, RefObject } from 'react';

export interface ImageViewProps {
  id: string;
  original: RefObject<HTMLCanvasElement | null>;
  filtered: RefObject<HTMLCanvasElement | null>;
  width: number;
  height: number;
  view: 'side' | 'split';
  split: number;
  onSplit: (v: number) => void;
  pixel: { x: number; y: number };
  kernelSize: number;
  onPixel: (x: number, y: number) => void;
  /** Drag-and-drop of a file onto the pictures. */
  onDropFile: (file: File) => void;
}

export function ImageView(p: ImageViewProps) {
  const pick = (e: PointerEvent<HTMLElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const x = Math.floor(((e.clientX - r.left) / r.width) * p.width);
    const y = Math.floor(((e.clientY - r.top) / r.height) * p.height);
    if (x >= 0 && y >= 0 && x < p.width && y < p.height && (x !== p.pixel.x || y !== p.pixel.y)) p.onPixel(x, y);
  };
  const keys = (e: KeyboardEvent) => {
    const step = e.shiftKey ? 10 : 1;
    const d = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[e.key];
    if (!d) return;
    e.preventDefault();
    p.onPixel(Math.max(0, Math.min(p.width - 1, p.pixel.x + d[0])), Math.max(0, Math.min(p.height - 1, p.pixel.y + d[1])));
  };
  // The marker covers the kernel's neighbourhood, in percent of the picture, so it scales with it.
  const r = (p.kernelSize - 1) / 2;
  const marker = {
    left: `${((p.pixel.x - r) / p.width) * 100}%`,
    top: `${((p.pixel.y - r) / p.height) * 100}%`,
    width: `${(p.kernelSize / p.width) * 100}%`,
    height: `${(p.kernelSize / p.height) * 100}%`,
  };
  const label = (which: string) =>
    `${which} image, ${p.width} by ${p.height} pixels. Inspecting column ${p.pixel.x + 1}, row ${p.pixel.y + 1}; arrow keys move the inspected pixel (with Shift, by 10).`;
  const canvasProps = (which: 'original' | 'filtered') => ({
    tabIndex: 0,
    role: 'img',
    'aria-label': label(which === 'original' ? 'Original' : 'Filtered'),
    'data-testid': `${p.id}-${which}`,
    onKeyDown: keys,
  });
  return (
    <div
      className={`image-view ${p.view}`}
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        const file = e.dataTransfer.files[0];
        if (file) p.onDropFile(file);
      }}
    >
      <div className="pictures" style={{ ['--aspect' as string]: `${p.width} / ${p.height}` }}>
        <figure className="picture original-picture">
          <figcaption>Original</figcaption>
          <div className="frame" onPointerMove={pick} onPointerDown={pick}>
            <canvas ref={p.original} {...canvasProps('original')} />
            <span className="pixel-marker" style={marker} aria-hidden="true" />
          </div>
        </figure>
        <figure className="picture filtered-picture">
          <figcaption>Filtered</figcaption>
          <div className="frame" onPointerMove={pick} onPointerDown={pick}>
            <canvas ref={p.filtered} {...canvasProps('filtered')} style={p.view === 'split' ? { clipPath: `inset(0 0 0 ${p.split}%)` } : undefined} />
            <span className="pixel-marker" style={marker} aria-hidden="true" />
            {p.view === 'split' && <span className="split-line" style={{ left: `${p.split}%` }} aria-hidden="true" />}
          </div>
        </figure>
      </div>
      {p.view === 'split' && (
        <label className="split-control">
          Original ◀ ▶ filtered{' '}
          <input type="range" min={0} max={100} value={p.split} onChange={(e) => p.onSplit(Number(e.target.value))} aria-label="Split position: left of it the original, right of it the filtered image" />
        </label>
      )}
    </div>
  );
}
