// The matrix lessons' widget logic without a browser: links that are tampered with fall back with a
// note, the hover read-out of the large Toeplitz view names the right cells and the engine's numbers,
// the agreement check notices a difference, and the weight colours in CSS match the canvas colours.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initEngine } from '../../../src/engine';
import { decodeState } from '../../../src/store/schema';
import { firstDisagreement } from '../../../src/viz/AgreementCheck';
import { WEIGHT_COLOURS, weightColour } from '../../../src/viz/weightColours';
import { checkFits, filtersSchema, checkFiltersFit, im2colSchema } from '../../../src/widgets/im2col/schema';
import { linkedHighlights } from '../../../src/widgets/toeplitz/links';
import { canvasSchema, checkCanvas, checkSmall, patternInput, smallSchema } from '../../../src/widgets/toeplitz/schema';
import { computeToeplitz } from '../../../src/widgets/toeplitz/useToeplitz';
import { checkGradient, fitGradient, gradientSchema, upsamplingSchema } from '../../../src/widgets/transpose/schema';
import { describeGradient, describeUpsampling } from '../../../src/widgets/transpose/hover';
import { describeIm2col } from '../../../src/widgets/im2col/hover';
import { im2colLayout, readersOfInput, toeplitzLayout, windowGeometry } from '../../../src/engine';

beforeAll(async () => {
  await initEngine();
});

const X = [[2, 1, 0, 0], [3, 2, 1, 1], [4, 3, 2, 1], [2, 2, 1, 0]];
const EDGE = [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]];

describe('links', () => {
  it('restore good values and fall back, with a note, on tampered ones', () => {
    const im = decodeState(im2colSchema({}), new URLSearchParams('a.input=1,2;3,4&a.stride=9&a.padding=1'), 'a', checkFits);
    expect(im.state.input).toEqual([[1, 2], [3, 4]]);
    expect(im.state.padding).toBe(1);
    expect(im.state.stride).toBe(1);
    expect(im.notes).toEqual(['The link’s stride was not usable (9 is outside 1–3); using the default.']);
    // A kernel that cannot fit: the whole state falls back.
    const bad = decodeState(im2colSchema({}), new URLSearchParams('a.input=1,2;3,4&a.kernel=1,1,1;1,1,1;1,1,1'), 'a', checkFits);
    expect(bad.state.input).toEqual(X);
    expect(bad.notes[0]).toMatch(/kernel is larger than the padded 2×2 input/);
    const f = decodeState(filtersSchema({}), new URLSearchParams('f.size=2&f.kernelSize=3'), 'f', checkFiltersFit);
    expect(f.state.size).toBe(4);
    expect(f.notes[0]).toMatch(/don’t work together/);
  });
  it('a 1D view refuses a two-row signal; the canvas view refuses a size of 99; the transpose view an unreadable g', () => {
    const one = decodeState(smallSchema(1, {}), new URLSearchParams('t.input=1,2,3;4,5,6'), 't', checkSmall(1));
    expect(one.state.input).toEqual([[4, 1, 0, 2, 5, 3, 2, 1]]);
    expect(one.notes[0]).toMatch(/one row each/);
    const big = decodeState(canvasSchema({}), new URLSearchParams('b.size=99&b.zoom=4&b.row=3'), 'b', checkCanvas);
    expect([big.state.size, big.state.zoom, big.state.row]).toEqual([28, 4, 3]);
    expect(big.notes).toEqual(['The link’s input size was not usable (99 is outside 4–28); using the default.']);
    const tr = decodeState(gradientSchema({}), new URLSearchParams('g.g=1,x'), 'g', checkGradient);
    expect(tr.state.g).toEqual([[1, 0], [0, 0]]);
    expect(tr.notes[0]).toMatch(/output gradient was not usable/);
    const up = decodeState(upsamplingSchema({}), new URLSearchParams('u.stride=0'), 'u');
    expect(up.state.stride).toBe(2);
  });
  it('a gradient of the wrong size keeps its top-left values and fills zeros', () => {
    expect(fitGradient([[1, 2], [3, 4]], 3, 1)).toEqual([[1], [3], [0]]);
  });
});

describe('the large view’s hover read-out', () => {
  it('on an entry of T: the row’s window, the column’s input cell, and the engine’s value', async () => {
    const c = await computeToeplitz(X, EDGE, 1, 0);
    const on = linkedHighlights(c, { on: 'T', row: 1, col: 6 }, 3);
    expect(on.T).toEqual({ rows: [1], cols: [6], focus: [[1, 6]] });
    // Row 1 is output (0, 1): its window covers rows 0–2, columns 1–3.
    expect(on.input.window).toEqual([[0, 1], [0, 2], [0, 3], [1, 1], [1, 2], [1, 3], [2, 1], [2, 2], [2, 3]]);
    expect(on.input.focus).toEqual([[1, 2]]);
    expect(on.text).toBe('T row 2, column 7 = 8: kernel weight (row 2, column 2), because input (row 2, column 3) = 1 lies in the window of output (row 1, column 2).');
    const zero = linkedHighlights(c, { on: 'T', row: 0, col: 3 }, 3);
    expect(zero.text).toMatch(/= 0: input \(row 1, column 4\) = 0 is outside the window of output \(row 1, column 1\), so this entry is always zero/);
  });
  it('on an input cell: its column and every output that reads it; on an output: T·vec(x) and conv2d', async () => {
    const c = await computeToeplitz(X, EDGE, 1, 0);
    const centre = linkedHighlights(c, { on: 'input', col: 5 }, 3);
    expect(centre.T).toEqual({ cols: [5] });
    expect(centre.output.marks).toEqual([[0, 0], [0, 1], [1, 0], [1, 1]]);
    expect(centre.text).toMatch(/4 outputs read it/);
    const out = linkedHighlights(c, { on: 'output', row: 2 }, 3);
    expect(out.text).toBe('Output (row 2, column 1): T·vec(x) gives 7, conv2d gives 7. Row 3 of T holds 9 weights, one per input cell in the window.');
  });
  it('the 28×28 ring picture gives T of 676 × 784 whose product agrees with conv2d', async () => {
    const x = patternInput('ring', 28);
    expect([x.length, x[0].length]).toEqual([28, 28]);
    const c = await computeToeplitz(x, EDGE, 1, 0);
    expect([c.layout.rows, c.layout.cols, c.flatT.length]).toEqual([676, 784, 529_984]);
    expect(firstDisagreement([c.product, c.output])).toBe(-1);
  });
});

describe('hover linking of the grids', () => {
  it('im2col: an input cell lights every entry of X that copies it, and the outputs that read it', () => {
    const g = windowGeometry(4, 4, 3);
    const d = describeIm2col({ g, layout: im2colLayout(g, 1), readers: readersOfInput(g) }, { input: 5 }, 'a', X)!;
    expect([...d.marks['a-patches']['hl-receptive']!].sort()).toEqual(['0,4', '1,3', '2,1', '3,0']);
    expect(d.marks['a-output']['hl-receptive']).toEqual(['0,0', '0,1', '1,0', '1,1']);
    expect(d.note).toBe('Input row 2, column 2 (value 2) is copied into 4 entries of X, in rows 1, 2, 3, 4.');
  });
  it('transpose: an output’s stamp is its window, cut by the padding; an input collects from its readers', () => {
    const g = windowGeometry(5, 5, 3, { stride: 2, padding: 1 });
    const c = { g, layout: toeplitzLayout(g, 1, 1), readers: readersOfInput(g) };
    // Output (0, 0) reads padded rows/columns 0–2, i.e. input rows/columns 0–1.
    expect([...describeGradient(c, { out: 0 }, 'g')!.marks['g-autodiff']['hl-receptive']!]).toEqual(['0,0', '0,1', '1,0', '1,1']);
    // Input (1, 1) sits where windows overlap (rows 1 of both the first and second window rows): four readers;
    // input (2, 2) is in the middle window only.
    expect(describeGradient(c, { in: 6 }, 'g')!.marks['g-g']['hl-receptive']).toEqual(['0,0', '0,1', '1,0', '1,1']);
    expect(describeGradient(c, { in: 12 }, 'g')!.marks['g-g']['hl-receptive']).toEqual(['1,1']);
    expect(describeGradient(c, { in: 99 }, 'g')).toBeNull();
  });
  it('upsampling: input (1, 1) stamps output rows and columns 2–4 with stride 2; output (2, 2) is under four stamps', () => {
    const g = windowGeometry(9, 9, 3, { stride: 2 });
    const c = { g, readers: readersOfInput(g) };
    expect([...describeUpsampling(c, { in: 1 * 4 + 1 }, 'u', 2)!.marks['u-output']['hl-receptive']!]).toEqual(['2,2', '2,3', '2,4', '3,2', '3,3', '3,4', '4,2', '4,3', '4,4']);
    expect(describeUpsampling(c, { out: 2 * 9 + 2 }, 'u', 2)!.marks['u-input']['hl-receptive']).toEqual(['0,0', '0,1', '1,0', '1,1']);
  });
});

describe('small pieces', () => {
  it('the agreement check finds the first cell that differs', () => {
    expect(firstDisagreement([[1, 2, 3], [1, 2, 3], [1, 2, 3.00001]])).toBe(-1);
    expect(firstDisagreement([[1, 2, 3], [1, 2.5, 3]])).toBe(1);
    expect(firstDisagreement([[1, 2, 3], [1, 2]])).toBe(2);
  });
  it('the CSS weight classes use the same nine colours as the canvas', () => {
    const css = readFileSync('src/widgets/toeplitz/toeplitz.css', 'utf8');
    WEIGHT_COLOURS.forEach((c, i) => expect(css).toMatch(new RegExp(`\\.wt-${i} \\{ background-color: ${c};`)));
    expect(weightColour(3, 9)).toBe(WEIGHT_COLOURS[3]);
    expect(weightColour(0, 25)).not.toBe(weightColour(24, 25));
  });
});
