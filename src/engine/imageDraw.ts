// Getting filtered pixels onto a 2D canvas: on WebGPU with tf.browser.draw (the tensor never comes
// back to JavaScript), checked once per backend on a tiny known image because it fails on some
// software GPUs; everywhere else, packed RGBA bytes and putImageData.
import * as tf from '@tensorflow/tfjs';
import { engineStatus } from './backend';

export type Canvas = HTMLCanvasElement | OffscreenCanvas;
/** 'draw': tf.browser.draw on the GPU; 'pixels': one read-back of packed RGBA and putImageData. */
export type DrawPath = 'draw' | 'pixels';

const SOFTWARE_GPU = /swiftshader|llvmpipe|softpipe|software/i;
const verdicts = new Map<string, Promise<DrawPath>>();
let gpuCanvas: OffscreenCanvas | null = null;

type Ctx2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
function context2d(canvas: Canvas): Ctx2D {
  const ctx = canvas.getContext('2d') as Ctx2D | null;
  if (!ctx) throw new Error('This canvas cannot be drawn on (it already belongs to another kind of context).');
  return ctx;
}

function fit(canvas: Canvas, w: number, h: number): void {
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
}

/** Writes RGBA bytes to the canvas, resizing it to the image. */
export function putPacked(canvas: Canvas, rgba: Uint8ClampedArray, w: number, h: number): void {
  fit(canvas, w, h);
  context2d(canvas).putImageData(new ImageData(rgba as Uint8ClampedArray<ArrayBuffer>, w, h), 0, 0);
}

/**
 * Draws a [H, W, C] tensor (floats 0…1) with tf.browser.draw onto a WebGPU canvas the engine keeps,
 * then copies that canvas onto the (2D) target, so the target stays an ordinary canvas whatever runs.
 */
export function drawOnGpu(t: tf.Tensor3D, canvas: Canvas): void {
  const [h, w] = t.shape;
  gpuCanvas ??= new OffscreenCanvas(w, h);
  tf.browser.draw(t, gpuCanvas as unknown as HTMLCanvasElement);
  fit(canvas, w, h);
  context2d(canvas).drawImage(gpuCanvas, 0, 0);
}

/** Which path draws on this backend; decided once per backend by drawing a 2×2 image of known colours. */
export function drawPathFor(backend: string): Promise<DrawPath> {
  let verdict = verdicts.get(backend);
  if (!verdict) {
    verdict = decide(backend);
    verdicts.set(backend, verdict);
  }
  return verdict;
}

/** After a failed draw: this backend uses the read-back path from now on. */
export function drawFailed(backend: string): void {
  verdicts.set(backend, Promise.resolve('pixels'));
}

async function decide(backend: string): Promise<DrawPath> {
  // Only WebGPU draws without a read-back; the CPU backend's Draw is a JavaScript loop like toPixels.
  if (backend !== 'webgpu' || !tf.getKernel('Draw', backend) || typeof OffscreenCanvas === 'undefined') return 'pixels';
  // Measured here: on SwiftShader's WebGPU tf.browser.draw draws nothing and breaks the next read-back.
  if (SOFTWARE_GPU.test(engineStatus()?.device ?? '')) return 'pixels';
  const expected = [255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 51, 102, 153, 255];
  const probe = tf.tensor3d([1, 0, 0, 0, 1, 0, 0, 0, 1, 0.2, 0.4, 0.6], [2, 2, 3]);
  try {
    const target = new OffscreenCanvas(2, 2);
    drawOnGpu(probe, target);
    const got = Array.from(context2d(target).getImageData(0, 0, 2, 2).data);
    if (got.every((v, i) => Math.abs(v - expected[i]) <= 1)) return 'draw';
  } catch {
    // falls through to the read-back path
  } finally {
    probe.dispose();
  }
  await settle();
  return 'pixels';
}

/** A failed WebGPU draw (SwiftShader draws nothing and breaks the next read once): absorb that read here. */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    const t = tf.zeros([4]);
    try {
      await t.data();
      return;
    } catch {
      // try again: the failure is transient
    } finally {
      t.dispose();
    }
  }
}
