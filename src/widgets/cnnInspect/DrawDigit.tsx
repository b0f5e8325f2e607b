// <DrawDigit>: draw a digit with the mouse, a finger or a pen; it is prepared like MNIST's digits
// (cropped, scaled to 20×20, centred by mass in 28×28: preprocessDigit) and the trained network
// reads it: class probabilities as bars, and every layer's feature maps. Keyboard users can clear
// the pad and put any test digit on it.
import { useEffect, useRef, useState, type PointerEvent } from 'react';
import type { FeatureMap } from '../../engine/cnn';
import { preprocessDigit, type PreprocessedDigit } from '../../engine/training';
import { INK, PixelCanvas } from '../../viz/PixelCanvas';
import { explain } from '../common/useEngineResult';
import { WidgetFrame } from '../common/WidgetFrame';
import { SettingField } from '../training/SettingField';
import { ensureSession, useTraining } from '../training/trainingSession';
import { MapStack } from './MapStack';
import { ProbabilityBars } from './ProbabilityBars';
import './cnnInspect.css';

const SIZE = 280;

interface Reading {
  digit: PreprocessedDigit;
  probabilities: Float32Array;
  maps: FeatureMap[];
}

export function DrawDigit({ id = 'pad', title = 'Draw a digit' }: { id?: string; title?: string }) {
  const phase = useTraining((s) => s.phase);
  const testCount = useTraining((s) => s.testCount) || 2000;
  const version = useTraining((s) => s.weightsVersion);
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const run = useRef(0);
  const [reading, setReading] = useState<Reading | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [sample, setSample] = useState(1);

  const ctx = () => {
    const c = canvas.current!.getContext('2d', { willReadFrequently: true })!;
    c.lineCap = 'round';
    c.lineJoin = 'round';
    c.lineWidth = 20;
    c.strokeStyle = '#1d1a24';
    return c;
  };
  const point = (e: PointerEvent<HTMLCanvasElement>) => {
    const r = canvas.current!.getBoundingClientRect();
    return [((e.clientX - r.left) / r.width) * SIZE, ((e.clientY - r.top) / r.height) * SIZE] as const;
  };

  async function read() {
    const id = ++run.current;
    const { data } = ctx().getImageData(0, 0, SIZE, SIZE);
    const ink = new Float32Array(SIZE * SIZE);
    for (let i = 0; i < ink.length; i++) ink[i] = data[i * 4 + 3] / 255;
    let digit: PreprocessedDigit;
    try {
      digit = preprocessDigit(ink, SIZE, SIZE);
    } catch (e) {
      setReading(null);
      setMessage(explain(e));
      return;
    }
    setBusy(true);
    try {
      const c = await ensureSession();
      if (!c) throw new Error('the training session could not start, so there is no network to read the digit');
      const [p, maps] = await Promise.all([c.predict(digit.image), c.featureMaps(digit.image)]);
      if (id !== run.current) return;
      setReading({ digit, probabilities: p.values, maps });
      setMessage(null);
    } catch (e) {
      if (id === run.current) setMessage(explain(e));
    } finally {
      if (id === run.current) setBusy(false);
    }
  }

  function clear() {
    run.current++;
    ctx().clearRect(0, 0, SIZE, SIZE);
    setReading(null);
    setMessage(null);
    setBusy(false);
  }

  /** Paints test digit `n` on the pad, 8× larger, as if drawn there. */
  async function putTestDigit(n: number) {
    const c = await ensureSession();
    if (!c) return;
    const { pixels } = await c.images('test', [n - 1]);
    const g = ctx();
    g.clearRect(0, 0, SIZE, SIZE);
    const img = new ImageData(28, 28);
    for (let i = 0; i < 784; i++) img.data.set([29, 26, 36, pixels[i]], i * 4);
    const small = document.createElement('canvas');
    small.width = 28;
    small.height = 28;
    small.getContext('2d')!.putImageData(img, 0, 0);
    g.imageSmoothingEnabled = true;
    g.drawImage(small, (SIZE - 224) / 2, (SIZE - 224) / 2, 224, 224);
    await read();
  }

  // New weights (training paused, another model loaded): read the same drawing again.
  useEffect(() => {
    if (reading) void read();
  }, [version]); // eslint-disable-line react-hooks/exhaustive-deps

  const probs = reading ? Array.from(reading.probabilities) : null;
  const best = probs ? probs.indexOf(Math.max(...probs)) : -1;
  const d = reading?.digit;
  return (
    <WidgetFrame title={title} id={id} busy={busy || phase === 'starting' || phase === 'off'}>
      <div className="draw-digit">
        <div className="pad-column">
          <canvas
            ref={canvas}
            width={SIZE}
            height={SIZE}
            className="pad"
            data-testid="draw-pad"
            aria-label="Drawing pad: draw a digit with the mouse, a finger or a pen"
            onPointerDown={(e) => {
              drawing.current = true;
              canvas.current!.setPointerCapture(e.pointerId);
              const g = ctx();
              const [x, y] = point(e);
              g.beginPath();
              g.moveTo(x, y);
              g.lineTo(x + 0.01, y);
              g.stroke();
            }}
            onPointerMove={(e) => {
              if (!drawing.current) return;
              const g = ctx();
              const [x, y] = point(e);
              g.lineTo(x, y);
              g.stroke();
            }}
            onPointerUp={() => {
              if (!drawing.current) return;
              drawing.current = false;
              void read();
            }}
            onPointerCancel={() => (drawing.current = false)}
          />
          <div className="controls-row">
            <button type="button" onClick={clear} data-testid="pad-clear">Clear the pad</button>
            <button type="button" onClick={() => void read()}>Read the drawing</button>
          </div>
          <div className="controls-row">
            <SettingField label="Test digit" value={sample} width="4.5rem" problem={(n) => (Number.isInteger(n) && n >= 1 && n <= testCount ? null : `Choose 1 to ${testCount}.`)} onChange={setSample} />
            <button type="button" onClick={() => void putTestDigit(sample)}>Put it on the pad</button>
          </div>
        </div>
        <div className="pad-result" aria-live="polite">
          {message && <p className="inline-error" role="alert" data-testid="pad-message">{message}</p>}
          {!reading && !message && <p className="hint">Draw one digit, 0 to 9, as large as the pad allows. The network reads it when you lift the pen.</p>}
          {reading && probs && d && (
            <>
              <p className="pad-prediction" data-testid="pad-prediction" data-digit={best}>
                The network reads a <strong>{best}</strong> ({Math.round(probs[best] * 100)}% sure).
              </p>
              <ProbabilityBars values={probs} label="Probability of each digit" testId="pad-probs" />
              <figure className="prepared">
                <PixelCanvas width={28} height={28} values={d.image} table={INK} scale={4} label="Your digit as the network sees it, 28 by 28" testId="pad-prepared" />
                <figcaption>
                  As the network sees it: the ink’s {d.box.width}×{d.box.height}-pixel box scaled to {d.scaled[0]}×{d.scaled[1]}, then placed in 28×28 so that its centre of
                  mass sits in the middle, as MNIST’s digits were.
                </figcaption>
              </figure>
            </>
          )}
        </div>
      </div>
      {reading && (
        <details className="pad-maps">
          <summary>Every layer’s feature maps for your digit</summary>
          <MapStack maps={reading.maps} testId="pad-maps" />
        </details>
      )}
    </WidgetFrame>
  );
}
