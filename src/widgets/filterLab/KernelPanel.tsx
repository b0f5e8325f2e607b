// The filter lab's kernel controls: preset, size, Gaussian σ, a centre-weight slider, the editable
// kernel with its divisor, colour or grey, and how filtered values become pixels (clamp, rescale,
// absolute value), each explained in a line, because that is where students get confused.
import { useState } from 'react';
import { PRESETS, findPreset, type PresetId } from '../../engine';
import { MatrixGrid } from '../../viz/MatrixGrid';
import { maxAbsOf, signedScale } from '../../viz/colorScales';
import type { MatrixEdits } from '../common/useMatrixEdits';
import { kernelFor, resizeAroundCentre, type FilterLabState } from './schema';

const DISPLAY_HELP = {
  clamp: 'Clamp: below 0 becomes 0 (black), above 255 becomes 255 (white). Right for blurs and effects; negative edge responses vanish.',
  abs: 'Absolute value: −200 and +200 both become 200, then clamp. Edges show whichever way the brightness changes.',
  rescale: 'Rescale: the smallest value becomes 0 and the largest 255, everything else in between. Nothing is lost, but 0 is no longer black.',
} as const;

export interface KernelPanelProps {
  id: string;
  state: FilterLabState;
  update: (patch: Partial<FilterLabState>) => void;
  edits: MatrixEdits;
  /** Whether the kernel still equals its preset's. */
  edited: boolean;
}

export function KernelPanel({ id, state, update, edits, edited }: KernelPanelProps) {
  const preset = findPreset(state.preset)!;
  const n = state.kernel.length;
  const centre = state.kernel[(n - 1) / 2][(n - 1) / 2];
  const [divisorText, setDivisorText] = useState<string | null>(null);
  const sizes = edited ? [1, 3, 5, 7] : preset.sizes;

  const choose = (presetId: PresetId, size = state.size, gauss = state.gauss, sigma = state.sigma) => {
    const p = findPreset(presetId)!;
    const s = p.sizes.includes(size) ? size : p.sizes[0];
    const k = kernelFor(presetId, s, gauss, sigma);
    edits.clear();
    setDivisorText(null);
    update({ preset: presetId, size: s, gauss, sigma, kernel: k.weights, divisor: k.divisor, display: p.display, magnitude: p.magnitude ?? false });
  };
  const resize = (size: number) => {
    if (!edited) return choose(state.preset, size);
    edits.clear();
    update({ size, kernel: resizeAroundCentre(state.kernel, size) });
  };
  const setCentre = (v: number) => {
    edits.clear();
    update({ kernel: state.kernel.map((row, y) => row.map((w, x) => (y === (n - 1) / 2 && x === (n - 1) / 2 ? v : w))) });
  };
  const setDivisor = (raw: string) => {
    setDivisorText(raw);
    const v = Number(raw.replace('−', '-'));
    if (raw.trim() !== '' && Number.isFinite(v) && v !== 0 && Math.abs(v) <= 100000) {
      setDivisorText(null);
      update({ divisor: v });
    }
  };
  const divisorProblem = divisorText !== null ? `The divisor “${divisorText}” is not usable: type a number other than 0. Still dividing by ${state.divisor}.` : null;
  const colour = signedScale(Math.max(maxAbsOf(state.kernel), 1));

  return (
    <div className="kernel-panel">
      <div className="controls-row">
        <label>
          Filter{' '}
          <select value={state.preset} onChange={(e) => choose(e.target.value as PresetId)} aria-describedby={`${id}-preset-note`}>
            {PRESETS.map((p) => (
              <option key={p.id} value={p.id}>{p.label}</option>
            ))}
          </select>
        </label>
        <label>
          Size{' '}
          <select value={n} onChange={(e) => resize(Number(e.target.value))}>
            {sizes.map((s) => (
              <option key={s} value={s}>{s}×{s}</option>
            ))}
          </select>
        </label>
        {state.preset === 'gaussian' && !edited && (
          <>
            <label>
              Weights{' '}
              <select value={state.gauss} onChange={(e) => choose('gaussian', n, e.target.value)}>
                <option value="binomial">binomial (Pascal’s triangle)</option>
                <option value="sigma">sampled with σ</option>
              </select>
            </label>
            {state.gauss === 'sigma' && (
              <label className="range-control">
                σ = {state.sigma.toFixed(1)}{' '}
                <input type="range" min={0.3} max={4} step={0.1} value={state.sigma} onChange={(e) => choose('gaussian', n, 'sigma', Number(e.target.value))} />
              </label>
            )}
          </>
        )}
        <label className="range-control">
          Centre weight {centre}{' '}
          <input type="range" min={-20} max={60} step={1} value={Math.max(-20, Math.min(60, Math.round(centre)))} onChange={(e) => setCentre(Number(e.target.value))} aria-valuetext={`centre weight ${centre}`} />
        </label>
      </div>
      <p className="preset-note" id={`${id}-preset-note`}>
        {edited ? <strong>Your own kernel (edited from {preset.label}). </strong> : <strong>{preset.label}. </strong>}
        {edited ? 'Every weight is yours to change.' : preset.note}
      </p>
      <div className="kernel-row">
        <figure>
          <figcaption>Kernel {n}×{n}{state.magnitude ? ' (a; b is its transpose)' : ''}</figcaption>
          <MatrixGrid label="Kernel" testId={`${id}-kernel`} values={state.kernel} size="small" colour={colour} editable drafts={edits.drafts} invalid={edits.invalid} onEdit={edits.onEdit} />
        </figure>
        <label className="divisor">
          ÷{' '}
          <input type="text" inputMode="decimal" value={divisorText ?? String(state.divisor)} onChange={(e) => setDivisor(e.target.value)} aria-label="Divisor: every weight is divided by it" aria-invalid={divisorProblem ? true : undefined} />
        </label>
        <fieldset className="choice">
          <legend>Channels</legend>
          <label><input type="radio" name={`${id}-colour`} checked={state.colour === 'colour'} onChange={() => update({ colour: 'colour' })} /> each colour (R, G, B) separately</label>
          <label><input type="radio" name={`${id}-colour`} checked={state.colour === 'grey'} onChange={() => update({ colour: 'grey' })} /> grey (0.299 R + 0.587 G + 0.114 B)</label>
          <label><input type="checkbox" checked={state.magnitude} onChange={(e) => update({ magnitude: e.target.checked })} /> combine with its transpose: √(a² + b²)</label>
        </fieldset>
        <fieldset className="choice">
          <legend>Results become pixels by</legend>
          {(['clamp', 'abs', 'rescale'] as const).map((d) => (
            <label key={d}>
              <input type="radio" name={`${id}-display`} checked={state.display === d} onChange={() => update({ display: d })} /> {d === 'clamp' ? 'clamping to 0…255' : d === 'abs' ? 'absolute value' : 'rescaling min…max'}
            </label>
          ))}
          <p className="display-help">{DISPLAY_HELP[state.display]}</p>
        </fieldset>
      </div>
      {(edits.message || divisorProblem) && (
        <p className="inline-error" role="alert">
          {edits.message ?? divisorProblem}
        </p>
      )}
    </div>
  );
}
