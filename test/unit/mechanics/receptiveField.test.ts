// Receptive fields through stacks of layers: CURRICULUM §7's numbers (three 3×3 see 7×7; F×F then
// P×P pooling sees (P+F−1)²), and the traced regions against a plain-loop perturbation experiment.
import { describe, expect, it } from 'vitest';
import { layerStack, receptiveFieldSizes, stackWeights, traceInfluence, traceReceptiveField, type StackLayer } from '../../../src/engine';

const conv3: StackLayer = { kind: 'conv', kernel: 3 };

/** Extent of a set of cells: [rows, cols]. */
function extent(cells: { y: number; x: number }[]): [number, number] {
  const ys = cells.map((c) => c.y), xs = cells.map((c) => c.x);
  return [Math.max(...ys) - Math.min(...ys) + 1, Math.max(...xs) - Math.min(...xs) + 1];
}

/**
 * Independent check: put a 1 in one input cell, run each layer as a sum over its window (zero
 * padding, all weights 1; a sum is non-zero exactly where any input in the window is), and return
 * which cells are non-zero at every level.
 */
function perturb(n: number, layers: StackLayer[], y0: number, x0: number): string[][] {
  let grid: number[][] = Array.from({ length: n }, (_, y) => Array.from({ length: n }, (_, x) => (y === y0 && x === x0 ? 1 : 0)));
  const levels = [[`${y0},${x0}`]];
  for (const l of layers) {
    const s = l.stride ?? (l.kind === 'pool' ? l.kernel : 1), p = l.padding ?? 0, size = grid.length;
    const out = Math.floor((size + 2 * p - l.kernel) / s) + 1;
    const next: number[][] = [];
    for (let oy = 0; oy < out; oy++) {
      next.push([]);
      for (let ox = 0; ox < out; ox++) {
        let sum = 0;
        for (let dy = 0; dy < l.kernel; dy++) for (let dx = 0; dx < l.kernel; dx++) {
          const y = oy * s + dy - p, x = ox * s + dx - p;
          if (y >= 0 && y < size && x >= 0 && x < size) sum += grid[y][x];
        }
        next[oy].push(sum);
      }
    }
    grid = next;
    levels.push(grid.flatMap((row, y) => row.flatMap((v, x) => (v ? [`${y},${x}`] : []))));
  }
  return levels;
}

describe('receptive field sizes (CURRICULUM §7)', () => {
  it('three stacked 3×3 convolutions see 7×7, with 3·9C² weights instead of 49C²', () => {
    const layers = [conv3, conv3, conv3];
    expect(receptiveFieldSizes(layers).map((r) => r.size)).toEqual([3, 5, 7]);
    const stack = layerStack(11, layers);
    const region = traceReceptiveField(stack, 3, { y: 2, x: 2 });
    expect(extent(region[0])).toEqual([7, 7]);
    expect(region[0]).toHaveLength(49);
    expect(region.map((r) => r.length)).toEqual([49, 25, 9, 1]);
    for (const c of [1, 3, 64]) {
      expect(stackWeights(layers, c)).toBe(27 * c * c);
      expect(stackWeights([{ kind: 'conv', kernel: 7 }], c)).toBe(49 * c * c);
    }
  });
  it('an F×F convolution followed by P×P pooling sees (P + F − 1)×(P + F − 1)', () => {
    for (const [f, p] of [[3, 2], [5, 2], [3, 3], [5, 3]]) {
      const layers: StackLayer[] = [{ kind: 'conv', kernel: f }, { kind: 'pool', kernel: p }];
      expect(receptiveFieldSizes(layers)[1].size).toBe(p + f - 1);
      const stack = layerStack(16, layers);
      expect(extent(traceReceptiveField(stack, 2, { y: 1, x: 1 })[0])).toEqual([p + f - 1, p + f - 1]);
    }
  });
  it('padding cells are left out at the border: a corner output of a padded 3×3 sees only 2×2 real cells', () => {
    const stack = layerStack(5, [{ kind: 'conv', kernel: 3, padding: 1 }]);
    expect(traceReceptiveField(stack, 1, { y: 0, x: 0 })[0]).toEqual([{ y: 0, x: 0 }, { y: 0, x: 1 }, { y: 1, x: 0 }, { y: 1, x: 1 }]);
  });
});

describe('traced regions agree with a perturbation experiment', () => {
  const stacks: [number, StackLayer[]][] = [
    [11, [conv3, conv3, conv3]],
    [12, [{ kind: 'conv', kernel: 3 }, { kind: 'pool', kernel: 2 }, { kind: 'conv', kernel: 3, padding: 1 }]],
    [13, [{ kind: 'conv', kernel: 5, stride: 2, padding: 2 }, { kind: 'pool', kernel: 3, stride: 2 }]],
    [9, [{ kind: 'conv', kernel: 3, stride: 3 }, conv3]],
  ];
  for (const [n, layers] of stacks) {
    it(`${n}×${n} through ${layers.map((l) => `${l.kind} ${l.kernel}`).join(', ')}`, () => {
      const stack = layerStack(n, layers);
      for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) {
        const expected = perturb(n, layers, y, x);
        const reached = traceInfluence(stack, 0, { y, x }).map((cells) => cells.map((c) => `${c.y},${c.x}`).sort());
        expect(reached).toEqual(expected.map((l) => [...l].sort()));
        // And backwards: every top cell the input reaches has that input in its receptive field.
        for (const top of traceInfluence(stack, 0, { y, x })[layers.length]) {
          expect(traceReceptiveField(stack, layers.length, top)[0]).toContainEqual({ y, x });
        }
      }
    });
  }
});

describe('bad stacks', () => {
  it('a layer that cannot slide is named in the message', () => {
    expect(() => layerStack(5, [conv3, conv3, conv3])).toThrow(/Layer 3 \(conv 3×3\) cannot slide over its 1×1 input/);
    expect(() => layerStack(8, [{ kind: 'conv', kernel: 3, stride: 0 }])).toThrow(/Layer 1.*stride must be at least 1/);
    expect(() => traceReceptiveField(layerStack(8, [conv3]), 2, { y: 0, x: 0 })).toThrow(/no level 2/);
  });
});
