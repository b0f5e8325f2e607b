// Training metrics at batch rate, outside React: the chart and the counters subscribe and redraw
// four times a second, so thirty batches a second cause no React render and no redraw storm.
import type { BatchEvent } from '../../engine/training';

/** Flat triples [epochs, loss, accuracy, …]; x is in epochs (digits seen / training digits). */
export interface Curves {
  train: number[];
  test: number[];
}

const MAX_SAVED = 1500;
const REDRAW_MS = 250;

export class MetricsLog {
  train: number[] = [];
  test: number[] = [];
  last: BatchEvent | null = null;
  /** Changes on every update, so a subscriber can skip frames with nothing new. */
  version = 0;
  private listeners = new Set<() => void>();
  private frame = 0;

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /**
   * Subscribers run at most every REDRAW_MS, in an animation frame: redrawing the page costs far
   * more than the numbers (on a CPU-rendered page a full-rate redraw made 50–300 ms tasks), and
   * four updates a second read as live.
   */
  private changed() {
    this.version++;
    if (this.frame) return;
    const wait = Math.max(0, this.lastRun + REDRAW_MS - Date.now());
    const run = () => {
      this.frame = 0;
      this.lastRun = Date.now();
      for (const fn of this.listeners) fn();
    };
    this.frame = setTimeout(() => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(run) : run()), wait) as unknown as number;
  }
  private lastRun = 0;

  pushBatch(e: BatchEvent) {
    this.last = e;
    this.train.push(e.epochs, e.loss, e.accuracy);
    this.changed();
  }

  pushTest(epochs: number, loss: number, accuracy: number) {
    this.test.push(epochs, loss, accuracy);
    this.changed();
  }

  clear() {
    this.train = [];
    this.test = [];
    this.last = null;
    this.changed();
  }

  load(curves: Curves | undefined) {
    this.train = [...(curves?.train ?? [])];
    this.test = [...(curves?.test ?? [])];
    this.last = null;
    this.changed();
  }

  /** The curves for saving, the training curve thinned to at most 1,500 points (bin means). */
  export(): Curves {
    return { train: thin(this.train, MAX_SAVED), test: [...this.test] };
  }
}

/** Averages consecutive triples so at most `max` remain (x, loss and accuracy each averaged). */
export function thin(flat: number[], max: number): number[] {
  const n = flat.length / 3;
  if (n <= max) return [...flat];
  const per = Math.ceil(n / max);
  const out: number[] = [];
  for (let start = 0; start < n; start += per) {
    const end = Math.min(n, start + per);
    const sums = [0, 0, 0];
    for (let i = start; i < end; i++) for (let k = 0; k < 3; k++) sums[k] += flat[i * 3 + k];
    out.push(...sums.map((s) => s / (end - start)));
  }
  return out;
}

/** Latest first-layer kernel, pushed by the session; the filter view subscribes. */
export class FilterFeed {
  kernel: { shape: number[]; values: Float32Array } | null = null;
  private listeners = new Set<() => void>();
  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
  set(kernel: { shape: number[]; values: Float32Array }) {
    this.kernel = kernel;
    for (const fn of this.listeners) fn();
  }
}
