// <TrainerPanel>: train the MNIST CNN in the browser. Architecture (with shapes and parameter
// counts), optimizer, learning rate, batch size and seed; start, pause, resume, reset; live curves,
// epoch progress and samples per second; where it runs and why; divergence explained.
import { useEffect, useMemo } from 'react';
import { batchSizeProblem, learningRateProblem, seedProblem } from '../../engine/training';
import { useWidgetState } from '../../store/useWidgetState';
import { LinkNotes, WidgetFrame } from '../common/WidgetFrame';
import { ArchitectureEditor } from './ArchitectureEditor';
import { CurvesView, LiveCounters } from './LiveParts';
import { ModelStatus, SessionNotes, WhereItRuns } from './StatusParts';
import { SettingField } from './SettingField';
import { checkTrainer, configOf, trainerSchema } from './schema';
import { ensureSession, needsNewModel, training, useTraining } from './trainingSession';
import './training.css';

export interface TrainerPanelProps {
  id?: string;
  title?: string;
}

export function TrainerPanel({ id = 'trainer', title = 'Train a CNN on handwritten digits' }: TrainerPanelProps) {
  const [state, update, notes] = useWidgetState(id, trainerSchema, checkTrainer);
  const phase = useTraining((s) => s.phase);
  const model = useTraining((s) => s.model);
  const busy = useTraining((s) => s.busy);
  const trainCount = useTraining((s) => s.trainCount);
  const divergence = useTraining((s) => s.divergence);
  useEffect(() => void ensureSession(), []);

  const config = useMemo(() => configOf(state), [state]);
  const running = phase === 'running';
  const fresh = !model || model.origin === 'default' || model.step === 0;
  const pendingNew = !!model && !fresh && needsNewModel(model, config);

  const primary = running
    ? { label: 'Pause', act: () => training.pause() }
    : { label: fresh ? 'Start training' : 'Resume', act: () => training.start(config) };
  const canAct = (phase === 'ready' || phase === 'running') && !busy;

  // Learning rate and batch size reach a running model at once.
  const tuneLive = (change: { learningRate?: number; batchSize?: number }) => {
    if (running) void training.tune(change);
  };

  return (
    <WidgetFrame title={title} id={id} busy={phase === 'starting' || phase === 'off'}>
      <LinkNotes notes={notes} />
      <div className="trainer" data-phase={phase} data-testid="trainer">
        <WhereItRuns />
        <ArchitectureEditor state={state} update={update} locked={running} />
        <fieldset className="optimizer-settings">
          <legend>Training</legend>
          <div className="controls-row">
            <label>
              Optimizer{' '}
              <select value={state.optimizer} disabled={running} onChange={(e) => update({ optimizer: e.target.value as typeof state.optimizer })}>
                <option value="sgd">SGD</option>
                <option value="momentum">SGD with momentum 0.9</option>
                <option value="adam">Adam</option>
              </select>
            </label>
            <SettingField
              label="Learning rate"
              value={state.lr}
              testId="learning-rate"
              problem={(n) => learningRateProblem(n)}
              onChange={(lr) => {
                update({ lr });
                tuneLive({ learningRate: lr });
              }}
            />
            <SettingField
              label="Batch size"
              value={state.batch}
              width="4rem"
              testId="batch-size"
              problem={(n) => batchSizeProblem(n, trainCount || Infinity)}
              onChange={(batch) => {
                update({ batch });
                tuneLive({ batchSize: batch });
              }}
            />
            <SettingField label="Seed" value={state.seed} width="6rem" disabled={running} problem={(n) => seedProblem(n)} onChange={(seed) => update({ seed })} />
          </div>
        </fieldset>
        <div className="run-controls controls-row">
          <button type="button" className="primary" data-testid="train-start" disabled={!canAct} onClick={() => void primary.act()}>
            {primary.label}
          </button>
          <button type="button" data-testid="train-reset" disabled={!(canAct || phase === 'diverged') || running} onClick={() => void training.reset(config)}>
            Reset: new random weights
          </button>
          <button type="button" data-testid="train-default" disabled={!canAct || running || model?.origin === 'default'} onClick={() => void training.loadDefault()}>
            Use the shipped trained model
          </button>
        </div>
        {pendingNew && (
          <p className="pending-note" role="status">
            The architecture, optimizer or seed above differ from the model’s: they apply to a new model. Press Reset to start one (the current model is kept until then).
          </p>
        )}
        {divergence && (
          <div className="divergence" role="alert" data-testid="divergence">
            <p><strong>Training stopped: the model diverged.</strong> {divergence.explanation}</p>
          </div>
        )}
        <ModelStatus />
        <LiveCounters />
        <CurvesView testId="train-chart" />
        <SessionNotes />
      </div>
    </WidgetFrame>
  );
}
