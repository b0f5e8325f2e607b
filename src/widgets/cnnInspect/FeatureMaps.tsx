// <FeatureMaps>: what every layer of the network makes of one test digit, chosen by number (or
// stepped through with the buttons); recomputed by the training session whenever the weights change.
import { useEffect } from 'react';
import { useWidgetState } from '../../store/useWidgetState';
import { SettingField } from '../training/SettingField';
import { ensureSession, training, useTraining } from '../training/trainingSession';
import { useEngineResult } from '../common/useEngineResult';
import { Problems } from '../common/Problems';
import { LinkNotes, WidgetFrame } from '../common/WidgetFrame';
import { MapStack } from './MapStack';
import { featureMapsSchema } from './schema';
import './cnnInspect.css';

export function FeatureMaps({ id = 'maps', title = 'Inside the network: every layer for one digit' }: { id?: string; title?: string }) {
  const [state, update, notes] = useWidgetState(id, featureMapsSchema);
  const phase = useTraining((s) => s.phase);
  const version = useTraining((s) => s.weightsVersion);
  const testCount = useTraining((s) => s.testCount) || 2000;
  useEffect(() => void ensureSession(), []);
  const ready = phase !== 'off' && phase !== 'starting' && phase !== 'failed';
  const result = useEngineResult(async () => {
    const c = await ensureSession();
    if (!c) throw new Error(training.client() ? 'the training session stopped' : 'the training session could not start');
    const { pixels, labels } = await c.images('test', [state.digit - 1]);
    const image = Float32Array.from(pixels, (p) => p / 255);
    return { label: labels[0], maps: await c.featureMaps(image) };
  }, [state.digit, version, ready]);
  const value = result.value;
  const probs = value?.maps.at(-1)?.values;
  const said = probs ? Array.from(probs).indexOf(Math.max(...probs)) : null;
  return (
    <WidgetFrame title={title} id={id} busy={result.busy || !ready}>
      <LinkNotes notes={notes} />
      <div className="controls-row">
        <button type="button" onClick={() => update({ digit: Math.max(1, state.digit - 1) })} disabled={state.digit <= 1}>Previous digit</button>
        <SettingField
          label={`Test digit (1–${testCount})`}
          value={state.digit}
          width="4.5rem"
          testId="maps-digit"
          problem={(n) => (Number.isInteger(n) && n >= 1 && n <= testCount ? null : `Choose a whole number from 1 to ${testCount}.`)}
          onChange={(digit) => update({ digit })}
        />
        <button type="button" onClick={() => update({ digit: Math.min(testCount, state.digit + 1) })} disabled={state.digit >= testCount}>Next digit</button>
        {value && said !== null && (
          <span className="verdict-line" data-testid="maps-verdict">
            This is a <strong>{value.label}</strong>; the network says <strong>{said}</strong>{said === value.label ? ' (right).' : ' (wrong).'}
          </span>
        )}
      </div>
      <Problems engine={result.error} />
      {value && <MapStack maps={value.maps} testId="feature-maps" />}
    </WidgetFrame>
  );
}
