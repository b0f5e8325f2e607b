// The network's architecture before training: filters per conv layer, kernel size and padding,
// with every layer's output shape and parameter count (describeModel, the lessons' arithmetic).
import { useMemo, useState } from 'react';
import { describeModel, type LayerInfo, type ModelSummary } from '../../engine/cnn';
import { specProblem } from '../../engine/training';
import { SettingField } from './SettingField';
import { specOf, trainerSchema, type TrainerState } from './schema';

const fmt = (n: number) => n.toLocaleString('en-US');

function whatItDoes(l: LayerInfo): string {
  const s = l.spec;
  if (s.type === 'conv') return `${s.filters} filters of ${s.kernelSize}×${s.kernelSize}, stride 1, ${s.padding === 'same' ? 'same padding' : 'no padding'}`;
  if (s.type === 'relu') return 'max(0, x) on every value';
  if (s.type === 'maxpool') return `max of each ${s.size}×${s.size} window, stride ${s.size}`;
  if (s.type === 'dense') return `every value to each of ${s.units} scores (flattened first)`;
  return 'scores → probabilities that sum to 1';
}

export function LayerTable({ summary, testId }: { summary: ModelSummary; testId?: string }) {
  return (
    <table className="layer-table" data-testid={testId}>
      <caption className="visually-hidden">Layers, output shapes and parameters</caption>
      <thead>
        <tr><th scope="col">Layer</th><th scope="col">What it does</th><th scope="col">Output shape</th><th scope="col">Parameters</th></tr>
      </thead>
      <tbody>
        <tr><th scope="row">input</th><td>a grey-scale digit</td><td>28×28×1</td><td>—</td></tr>
        {summary.layers.map((l) => (
          <tr key={l.name} data-layer={l.name}>
            <th scope="row">{l.name}</th>
            <td>{whatItDoes(l)}</td>
            <td className="shape">{l.outputShape.join('×')}</td>
            <td className="params">{l.params ? l.paramFormula : '0'}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr><th scope="row" colSpan={3}>Total parameters (weights and biases)</th><td className="params" data-testid="total-params">{fmt(summary.totalParams)}</td></tr>
      </tfoot>
    </table>
  );
}

export function ArchitectureEditor({ state, update, locked }: { state: TrainerState; update: (p: Partial<TrainerState>) => void; locked: boolean }) {
  const [paddingProblem, setPaddingProblem] = useState<string | null>(null);
  const summary = useMemo(() => describeModel(specOf(state)), [state.conv1, state.conv2, state.kernel, state.padding]); // eslint-disable-line react-hooks/exhaustive-deps
  const whole = (key: 'conv1' | 'conv2' | 'kernel') => (n: number) => {
    const f = trainerSchema[key];
    if (!Number.isInteger(n) || n < f.min || n > f.max) return `The ${f.label} must be a whole number from ${f.min} to ${f.max}.`;
    const why = specProblem(specOf({ ...state, [key]: n }));
    return why ? `That network cannot be built: ${why}.` : null;
  };
  return (
    <fieldset className="architecture" disabled={locked}>
      <legend>Architecture</legend>
      <div className="controls-row">
        <SettingField label="Filters in conv1" value={state.conv1} problem={whole('conv1')} onChange={(conv1) => update({ conv1 })} width="3.5rem" />
        <SettingField label="Filters in conv2" value={state.conv2} problem={whole('conv2')} onChange={(conv2) => update({ conv2 })} width="3.5rem" />
        <SettingField label="Kernel size" value={state.kernel} problem={whole('kernel')} onChange={(kernel) => update({ kernel })} width="3.5rem" testId="kernel-size" />
        <label>
          Padding{' '}
          <select
            value={state.padding}
            onChange={(e) => {
              const padding = e.target.value as TrainerState['padding'];
              const why = specProblem(specOf({ ...state, padding }));
              setPaddingProblem(why ? `Without padding that network cannot be built: ${why}. Still using same padding.` : null);
              if (!why) update({ padding });
            }}
          >
            <option value="valid">none (valid)</option>
            <option value="same">same</option>
          </select>
        </label>
        {paddingProblem && <span className="inline-error" role="alert">{paddingProblem}</span>}
      </div>
      <LayerTable summary={summary} testId="layer-table" />
    </fieldset>
  );
}
