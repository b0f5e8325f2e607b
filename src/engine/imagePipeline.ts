// A photo (or webcam frame) held inside the engine as a tensor, filtered per channel with
// tf.depthwiseConv2d (or a faster equivalent route on WebAssembly: imageRoutes.ts), turned into
// pixels (clamp / rescale / absolute value) and drawn to a canvas.
// Drawing stays in tfjs where the backend can (tf.browser.draw on a hardware WebGPU); elsewhere one
// read-back of RGBA floats and putImageData. Never tf.browser.toPixels: it costs 80–100 ms per
// 512×512 frame here.
import * as tf from '@tensorflow/tfjs';
import { ensureEngine } from './backend';
import { windowCells, windowGeometry } from './geometry';
import { checkNested, readChecked } from './volumes';
import type { DisplayMode } from './imageFilters';
import { alphaVector, choosePath, direct, filterImage, fromPlanes, kernel2d, lowRank, rescale, separable, tapPlanes, toDisplay, withAlpha, type FastPath } from './imageRoutes';
import { drawFailed, drawOnGpu, drawPathFor, putPacked, type Canvas, type DrawPath } from './imageDraw';

export type { Canvas, DrawPath } from './imageDraw';
export type ColourMode = 'colour' | 'grey';

/** What to apply: the kernel is weights / divisor, on each colour channel or on the grey image. */
export interface FilterSpec {
  weights: number[][];
  divisor?: number;
  colour: ColourMode;
  display: DisplayMode;
  /** Combine the kernel a with its transpose b into √(a² + b²) (Prewitt or Sobel h and v into an edge magnitude). */
  magnitude?: boolean;
}

/** RGBA bytes, row-major, as in ImageData. */
export interface RgbaPixels {
  width: number;
  height: number;
  data: Uint8ClampedArray | Uint8Array;
}
export type ImageSource = RgbaPixels | ImageBitmap | HTMLImageElement | HTMLCanvasElement | HTMLVideoElement | OffscreenCanvas;

export interface RenderInfo {
  width: number;
  height: number;
  /** How the pixels reached the canvas. */
  path: DrawPath;
  /** How the filter ran (see imageRoutes.ts); 'general' for rescaling and most magnitudes. */
  filter?: FastPath | 'general';
  /** True when this call also prepared the image once (its RGBA copy or tap planes), so took longer. */
  prepared?: boolean;
  /** The pixels drawn, when no canvas was given (tests, Node). */
  rgba?: Uint8ClampedArray;
}

/** One pixel's filter computation written out, per channel ([c][dy][dx]); every number from tfjs. */
export interface Inspection {
  x: number;
  y: number;
  channels: string[];
  /** The photo's values under the kernel (0 where the window hangs over the border: zero padding). */
  window: number[][][];
  inside: boolean[][];
  /** The weights applied (weights / divisor), and for a magnitude the transposed kernel too. */
  kernel: number[][];
  kernelT?: number[][];
  products: number[][][];
  sums: number[];
  sumsT?: number[];
  /** The filtered value per channel (the sum, or √(sum² + sumT²) for a magnitude). */
  value: number[];
  /** The byte drawn per channel, 0…255, after the display mapping. */
  shown: number[];
  /** Rescale only: the image's smallest and largest filtered value, mapped to 0 and 255. */
  range?: [number, number];
}

/** Larger images are rejected here; the loaders scale them down first. */
export const MAX_IMAGE_SIDE = 2048;
const LUMA = [0.299, 0.587, 0.114]; // ITU-R BT.601 weights for R, G, B

const isRgba = (s: ImageSource): s is RgbaPixels => 'data' in s && (s as RgbaPixels).data instanceof Uint8Array || (s as RgbaPixels).data instanceof Uint8ClampedArray;

function sizeOf(s: ImageSource): [number, number] {
  if (isRgba(s)) return [s.width, s.height];
  if (typeof HTMLVideoElement !== 'undefined' && s instanceof HTMLVideoElement) return [s.videoWidth, s.videoHeight];
  if (typeof HTMLImageElement !== 'undefined' && s instanceof HTMLImageElement) return [s.naturalWidth, s.naturalHeight];
  return [s.width, s.height];
}

/** Checks a filter spec; returns the kernel size. All-zero kernels and zero divisors are refused with a sentence. */
export function checkFilterSpec(spec: FilterSpec): number {
  const [rows, cols] = checkNested(spec?.weights, 2, 'kernel');
  if (rows !== cols || rows % 2 === 0 || rows > 15) {
    throw new RangeError(`The kernel must be square with an odd size (3×3, 5×5, 7×7) so it has a centre pixel; this one is ${rows}×${cols}.`);
  }
  const d = spec.divisor ?? 1;
  if (typeof d !== 'number' || !Number.isFinite(d) || d === 0) throw new RangeError(`The divisor must be a number other than 0, not ${d}.`);
  if (spec.weights.every((row) => row.every((v) => v === 0))) {
    throw new RangeError('Every kernel weight is 0, so every output pixel would be 0: a black image. Put a non-zero weight somewhere (a 1 in the centre is the identity).');
  }
  if (spec.colour !== 'colour' && spec.colour !== 'grey') throw new TypeError(`Colour mode must be 'colour' or 'grey', not ${JSON.stringify(spec.colour)}.`);
  if (!['clamp', 'rescale', 'abs'].includes(spec.display)) throw new TypeError(`Display must be 'clamp', 'rescale' or 'abs', not ${JSON.stringify(spec.display)}.`);
  return rows;
}

/** Number of tensors alive in tfjs: tests use it to prove that nothing leaks. */
export function liveTensors(): number {
  return tf.memory().numTensors;
}

/** Starts the engine if needed and returns an empty session; give it an image with setImage. */
export async function createImageSession(): Promise<ImageSession> {
  await ensureEngine();
  return new ImageSession();
}

export class ImageSession {
  // Long-lived tensors, owned by this session: the photo ([1, H, W, 3] float32, 0…255) and what is
  // derived from it on first use (grey, RGBA, tap planes). Each is made inside tf.tidy, kept with
  // tf.keep so no tidy scope frees it, and disposed explicitly when a new image replaces it
  // (setImage) or the session ends (dispose).
  private kept = new Map<string, tf.Tensor>();
  private source: ImageSource | null = null; // to upload again if the backend changes
  private live = false; // a webcam frame: replaced every frame, so nothing per-image is precomputed
  private made = 0; // kept tensors made so far (RenderInfo.prepared)
  private backend = '';
  width = 0;
  height = 0;

  /** Replaces the image (a photo, or the webcam's current frame). Throws a sentence for an empty or oversized one. */
  setImage(source: ImageSource): { width: number; height: number } {
    const [w, h] = sizeOf(source);
    if (!w || !h) throw new RangeError('The image has no pixels yet (for a camera: no frame has arrived).');
    if (w > MAX_IMAGE_SIDE || h > MAX_IMAGE_SIDE) throw new RangeError(`The image is ${w}×${h}: scale it to at most ${MAX_IMAGE_SIDE} pixels a side first.`);
    if (isRgba(source) && source.data.length !== w * h * 4) throw new TypeError(`RGBA data for ${w}×${h} needs ${w * h * 4} bytes, not ${source.data.length}.`);
    const next = tf.keep(upload(source, w, h));
    this.release();
    this.kept.set('photo', next);
    this.live = typeof HTMLVideoElement !== 'undefined' && source instanceof HTMLVideoElement;
    this.source = this.live ? null : source;
    this.backend = tf.getBackend();
    [this.width, this.height] = [w, h];
    return { width: w, height: h };
  }

  get hasImage(): boolean {
    return this.kept.has('photo');
  }

  /** Filters the image and draws it to `canvas` (or returns the RGBA bytes when there is none). */
  async render(spec: FilterSpec, canvas?: Canvas): Promise<RenderInfo> {
    const n = checkFilterSpec(spec);
    await ensureEngine();
    const src = this.input(spec.colour);
    const backend = tf.getBackend();
    const path = choosePath(backend, n, spec.weights, this.live, this.width * this.height);
    // Rescaling needs the range of the colours alone, and a magnitude needs two kernels: the general
    // route handles both, except a magnitude from tap planes.
    const general = spec.display === 'rescale' || (spec.magnitude && path !== 'planes');
    const madeBefore = this.made;
    const info = await this.show((exact) => {
      if (general) return toDisplay(filterImage(src, spec), spec.display, exact);
      const out = this.fast(path, spec);
      const shown = spec.display === 'abs' ? out.abs() : out;
      return exact ? shown.clipByValue(0, 255) : shown;
    }, canvas);
    return { ...info, filter: general ? 'general' : path, prepared: this.made > madeBefore };
  }

  /** RGBA floats by one of the fast paths (inside tf.tidy). */
  private fast(path: FastPath, spec: FilterSpec): tf.Tensor4D {
    const k = kernel2d(spec);
    const rgba = this.keepAs(`rgba:${spec.colour}`, () => withAlpha(this.input(spec.colour))) as tf.Tensor4D;
    if (path === 'direct') return direct(rgba, k);
    if (path === 'separable') return separable(rgba, lowRank(spec.weights)!, spec.divisor ?? 1);
    // Tap planes for one colour mode at a time: they are large.
    const other = `planes:${spec.colour === 'colour' ? 'grey' : 'colour'}`;
    this.kept.get(other)?.dispose();
    this.kept.delete(other);
    const planes = this.keepAs(`planes:${spec.colour}`, () => tapPlanes(withAlpha(this.input(spec.colour), 0) as tf.Tensor4D));
    const alpha = this.keepAs('alpha', () => alphaVector(this.width * this.height));
    return fromPlanes(planes as tf.Tensor2D, alpha as tf.Tensor1D, spec.magnitude ? [k, k.transpose()] : [k], [this.height, this.width]);
  }

  /** Draws the image itself (in colour, or the grey image the filters see in grey mode). */
  async drawOriginal(canvas: Canvas | undefined, colour: ColourMode): Promise<RenderInfo> {
    await ensureEngine();
    // The kept RGBA copy: no per-draw padding. Cloned, because show() disposes what it is given.
    const rgba = this.keepAs(`rgba:${colour}`, () => withAlpha(this.input(colour)));
    return this.show(() => rgba.clone(), canvas);
  }

  /** The raw filtered values and the displayed values, [H, W, C] row-major (tests, histograms). */
  async values(spec: FilterSpec): Promise<{ shape: number[]; raw: Float32Array; shown: Float32Array }> {
    checkFilterSpec(spec);
    await ensureEngine();
    const src = this.input(spec.colour);
    const [raw, shown] = tf.tidy(() => {
      const r = filterImage(src, spec);
      return [r, toDisplay(r, spec.display)];
    });
    const shape = raw.shape.slice(1);
    try {
      return { shape, raw: (await raw.data()) as Float32Array, shown: (await shown.data()) as Float32Array };
    } finally {
      raw.dispose();
      shown.dispose();
    }
  }

  /** The dot product behind the pixel at column x, row y: neighbourhood, kernel, products, sum, and the byte drawn. */
  async inspect(spec: FilterSpec, x: number, y: number): Promise<Inspection> {
    const n = checkFilterSpec(spec);
    await ensureEngine();
    if (!Number.isInteger(x) || !Number.isInteger(y) || x < 0 || y < 0 || x >= this.width || y >= this.height) {
      throw new RangeError(`Pixel (${x}, ${y}) is outside the ${this.width}×${this.height} image.`);
    }
    const src = this.input(spec.colour);
    const C = src.shape[3];
    // The window comes from the one sliding-window geometry ('same' padding, stride 1).
    const g = windowGeometry(this.height, this.width, n, { padding: 'same' });
    const cells = windowCells(g, y, x);
    const inside = cells.filter((c) => c.inside);
    const [y0, x0] = [inside[0].y, inside[0].x];
    const [h, w] = [inside[inside.length - 1].y - y0 + 1, inside[inside.length - 1].x - x0 + 1];
    const [top, left] = [inside[0].dy, inside[0].dx];
    const parts = tf.tidy(() => {
      const win = src.slice([0, y0, x0, 0], [1, h, w, C]).squeeze<tf.Tensor3D>([0]).pad([[top, n - h - top], [left, n - w - left], [0, 0]]);
      const k = kernel2d(spec);
      const products = win.mul(k.expandDims(2));
      const sums = products.sum([0, 1]);
      const out: Record<string, tf.Tensor> = { window: win.transpose([2, 0, 1]), kernel: k, products: products.transpose([2, 0, 1]), sums };
      let value: tf.Tensor = sums.clone(); // its own tensor: each entry of `out` is read and disposed once
      if (spec.magnitude) {
        out.kernelT = k.transpose();
        out.sumsT = win.mul(out.kernelT.expandDims(2)).sum([0, 1]);
        value = sums.square().add(out.sumsT.square()).sqrt();
      }
      out.value = value;
      if (spec.display === 'rescale') {
        const all = filterImage(src, spec);
        out.range = tf.stack([all.min(), all.max()]);
        out.shown = rescale(value, out.range).clipByValue(0, 255).round();
      } else out.shown = toDisplay(value, spec.display).round();
      return out;
    });
    const read: Record<string, unknown> = {};
    for (const [key, t] of Object.entries(parts)) read[key] = await readChecked(t);
    const cellsInside = Array.from({ length: n }, (_, dy) => Array.from({ length: n }, (_, dx) => cells[dy * n + dx].inside));
    return {
      x, y, channels: C === 1 ? ['grey'] : ['R', 'G', 'B'], inside: cellsInside,
      ...(read as Omit<Inspection, 'x' | 'y' | 'channels' | 'inside'>),
    };
  }

  /** Frees the image's tensors; the session can take a new image afterwards. */
  dispose(): void {
    this.release();
    this.source = null;
    this.width = this.height = 0;
  }

  private release(): void {
    for (const t of this.kept.values()) t.dispose();
    this.kept.clear();
  }

  /** A kept tensor derived from the image, made on first use (inside tf.tidy, then tf.keep). */
  private keepAs(key: string, make: () => tf.Tensor): tf.Tensor {
    let t = this.kept.get(key);
    if (!t) {
      t = tf.keep(tf.tidy(make));
      this.kept.set(key, t);
      this.made++;
    }
    return t;
  }

  /** The image tensor for a colour mode, uploaded again if the engine moved to another backend. */
  private input(colour: ColourMode): tf.Tensor4D {
    if (!this.kept.has('photo')) throw new RangeError('There is no image yet: choose a photo, open your own or start the camera.');
    if (this.backend !== tf.getBackend() && this.source) this.setImage(this.source);
    const photo = this.kept.get('photo') as tf.Tensor4D;
    if (colour === 'colour') return photo;
    return this.keepAs('grey', () => photo.mul(tf.tensor1d(LUMA)).sum(3, true)) as tf.Tensor4D;
  }

  /**
   * Draws what `make` builds ([1, H, W, C], 0…255). `exact` asks it to clip in tfjs; the read-back
   * path leaves clipping and rounding to Uint8ClampedArray, which does both (round half to even,
   * as tf.round) natively.
   */
  private async show(make: (exact: boolean) => tf.Tensor, canvas: Canvas | undefined): Promise<RenderInfo> {
    const path = canvas ? await drawPathFor(tf.getBackend()) : 'pixels';
    const info: RenderInfo = { width: this.width, height: this.height, path };
    if (path === 'draw' && canvas) {
      // tf.browser.draw takes [H, W, C] floats in 0…1 and draws on the GPU.
      const t = tf.tidy(() => make(true).squeeze([0]).div(255) as tf.Tensor3D);
      try {
        drawOnGpu(t, canvas);
        return info;
      } catch {
        drawFailed(tf.getBackend()); // from now on this backend uses the read-back path
        info.path = 'pixels';
      } finally {
        t.dispose();
      }
    }
    // One read-back of RGBA floats (alpha 255 added by tfjs), converted to bytes by the browser.
    const t = tf.tidy(() => withAlpha(make(false)));
    let floats: Float32Array;
    try {
      floats = (await t.data()) as Float32Array;
    } finally {
      t.dispose();
    }
    const rgba = new Uint8ClampedArray(floats.length);
    rgba.set(floats);
    if (canvas) putPacked(canvas, rgba, this.width, this.height);
    return canvas ? info : { ...info, rgba };
  }
}

function upload(source: ImageSource, w: number, h: number): tf.Tensor4D {
  return tf.tidy(() => {
    const rgb = isRgba(source)
      ? tf.tensor3d(new Float32Array(source.data), [h, w, 4]).slice([0, 0, 0], [h, w, 3])
      : tf.browser.fromPixels(source as HTMLCanvasElement, 3).toFloat(); // also takes OffscreenCanvas
    return rgb.expandDims<tf.Tensor4D>(0);
  });
}
