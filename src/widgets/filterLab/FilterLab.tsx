// The filter lab: any classic filter (or the student's own kernel) on a sample photo, the student's
// own image or the live webcam, original and result side by side or split, and a pixel inspector.
// The photo lives in the engine as a tensor (ImageSession); the engine filters and draws; this
// component only schedules: the newest request runs next, so slider drags and webcam frames never queue.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createImageSession, type ColourMode, type FilterSpec, type ImageSession, type Inspection, type RenderInfo } from '../../engine';
import { useWidgetState } from '../../store/useWidgetState';
import { explain } from '../common/useEngineResult';
import { useMatrixEdits } from '../common/useMatrixEdits';
import { LinkNotes, WidgetFrame } from '../common/WidgetFrame';
import { ImagePicker, type Source } from './ImagePicker';
import { ImageView } from './ImageView';
import { KernelPanel } from './KernelPanel';
import { latestOnly } from './latestOnly';
import { loadImageFile } from './loadImage';
import { PixelInspector } from './PixelInspector';
import { checkFilterLab, filterLabSchema, kernelFor, SAMPLES, type FilterLabProps, type SampleId } from './schema';
import { cameraError, onFrames, openCamera, type Camera } from './webcam';
import './filterLab.css';

const ROUTES: Record<string, string> = {
  planes: 'nine shifted copies of the photo times the nine weights (the WebAssembly fast route)',
  separable: 'a column pass and a row pass (the kernel is separable)',
  direct: 'one depthwise convolution over the channels',
  general: 'depthwise convolution, then the display mapping',
};

export function FilterLab(props: FilterLabProps & { id?: string; title?: string }) {
  const id = props.id ?? 'lab';
  const schema = useMemo(() => filterLabSchema(props), [props.image, props.preset, props.size, props.display, props.colour]); // eslint-disable-line react-hooks/exhaustive-deps
  const [state, update, notes] = useWidgetState(id, schema, checkFilterLab);
  const edits = useMatrixEdits('Kernel', state.kernel, useCallback((m: number[][]) => update({ kernel: m }), [update]), 10000);
  const spec: FilterSpec = useMemo(
    () => ({ weights: state.kernel, divisor: state.divisor, colour: state.colour as ColourMode, display: state.display, magnitude: state.magnitude }),
    [state.kernel, state.divisor, state.colour, state.display, state.magnitude],
  );
  const specRef = useRef(spec);
  specRef.current = spec;

  const sessionRef = useRef<ImageSession | null>(null);
  const [ready, setReady] = useState(false);
  const original = useRef<HTMLCanvasElement>(null);
  const filtered = useRef<HTMLCanvasElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const [dims, setDims] = useState({ w: 512, h: 512 });
  const [version, setVersion] = useState(0);
  const versionRef = useRef(0);
  const drawnOriginal = useRef('');
  const bitmap = useRef<ImageBitmap | null>(null);
  const [source, setSource] = useState<Source>({ kind: 'sample', id: state.image });
  const [imageMessage, setImageMessage] = useState<{ kind: 'error' | 'note'; text: string } | null>(null);
  const [renderError, setRenderError] = useState<string | null>(null);
  const [info, setInfo] = useState<(RenderInfo & { ms: number }) | null>(null);
  const [busy, setBusy] = useState(true);
  const [inspection, setInspection] = useState<Inspection | null>(null);
  const [frameTick, setFrameTick] = useState(0); // every 10th webcam frame: refresh the inspector
  const camera = useRef<{ cam: Camera; stopFrames: () => void } | null>(null);
  const [cameraOn, setCameraOn] = useState(false);
  const schedule = useMemo(() => latestOnly(() => setBusy(false)), []);
  const scheduleInspect = useMemo(() => latestOnly(() => undefined), []);

  useEffect(() => {
    let alive = true;
    void createImageSession().then((s) => {
      if (!alive) return s.dispose();
      sessionRef.current = s;
      setReady(true);
    });
    return () => {
      alive = false;
      camera.current?.stopFrames();
      camera.current?.cam.stop();
      sessionRef.current?.dispose(); // frees the photo's tensors with the widget
      bitmap.current?.close();
    };
  }, []);

  /** One drawing job: take a webcam frame if given, draw the original when it changed, filter and draw. */
  const job = useCallback((frame?: HTMLVideoElement) => async () => {
    const s = sessionRef.current;
    if (!s) return;
    if (frame) {
      try {
        s.setImage(frame);
        versionRef.current++;
      } catch {
        return; // the camera has not delivered a frame yet
      }
    }
    if (!s.hasImage || !original.current || !filtered.current) return;
    const current = specRef.current;
    const t0 = performance.now();
    try {
      const key = `${versionRef.current}:${current.colour}`;
      if (drawnOriginal.current !== key) {
        await s.drawOriginal(original.current, current.colour);
        drawnOriginal.current = key;
      }
      const r = await s.render(current, filtered.current);
      setInfo({ ...r, ms: performance.now() - t0 });
      setRenderError(null);
      if (root.current) root.current.dataset.renders = String(Number(root.current.dataset.renders ?? 0) + 1); // tests wait on it
      setDims((d) => (d.w === r.width && d.h === r.height ? d : { w: r.width, h: r.height }));
      if (frame && root.current) {
        const frames = Number(root.current.dataset.frames ?? 0) + 1;
        root.current.dataset.frames = String(frames);
        if (frames % 10 === 0) setFrameTick(frames);
      }
    } catch (e) {
      setRenderError(explain(e)); // the canvases keep the last good result
    }
  }, []);
  const request = useCallback((frame?: HTMLVideoElement) => {
    setBusy(true);
    schedule(job(frame));
  }, [schedule, job]);

  useEffect(() => {
    if (ready) request();
  }, [ready, spec, version, request]);

  /** Puts a decoded image into the engine; on failure the last image and result stay. */
  const adoptImage = useCallback(async (load: () => Promise<{ bitmap: ImageBitmap; note?: string }>, next: Source) => {
    const s = sessionRef.current;
    if (!s) return;
    setBusy(true);
    try {
      const loaded = await load();
      s.setImage(loaded.bitmap);
      bitmap.current?.close();
      bitmap.current = loaded.bitmap; // kept: the engine re-reads it if the backend changes
      versionRef.current++;
      setVersion(versionRef.current);
      setSource(next);
      setImageMessage(loaded.note ? { kind: 'note', text: loaded.note } : null);
    } catch (e) {
      setImageMessage({ kind: 'error', text: `${(e as Error).message} The last image stays.` });
      setBusy(false);
    }
  }, []);

  const stopCamera = useCallback(() => {
    camera.current?.stopFrames();
    camera.current?.cam.stop();
    camera.current = null;
    setCameraOn(false);
  }, []);
  const loadSample = useCallback((sample: SampleId) => {
    stopCamera();
    const entry = SAMPLES.find((x) => x.id === sample)!;
    void adoptImage(async () => loadImageFile(await (await fetch(entry.file)).blob(), entry.title), { kind: 'sample', id: sample });
  }, [adoptImage, stopCamera]);
  const loadFile = useCallback((file: File) => {
    stopCamera();
    void adoptImage(() => loadImageFile(file, `“${file.name}”`), { kind: 'file', name: file.name });
  }, [adoptImage, stopCamera]);
  useEffect(() => {
    if (ready) loadSample(state.image);
  }, [ready, state.image, loadSample]);

  const setCamera = async (on: boolean) => {
    if (!on) return stopCamera();
    try {
      const cam = await openCamera();
      camera.current = { cam, stopFrames: onFrames(cam.video, () => request(cam.video)) };
      setCameraOn(true);
      setSource({ kind: 'webcam' });
      setImageMessage(null);
    } catch (e) {
      setImageMessage({ kind: 'error', text: cameraError(e) });
    }
  };

  // The inspected pixel: from the link, else the centre of the picture.
  const px = state.x >= 0 && state.x < dims.w ? state.x : Math.floor(dims.w / 2);
  const py = state.y >= 0 && state.y < dims.h ? state.y : Math.floor(dims.h / 2);
  useEffect(() => {
    if (!ready) return;
    scheduleInspect(async () => {
      const s = sessionRef.current;
      if (!s?.hasImage) return;
      try {
        setInspection(await s.inspect(specRef.current, Math.min(px, s.width - 1), Math.min(py, s.height - 1)));
      } catch {
        // a kernel the engine refuses: the message is already shown above the pictures
      }
    });
  }, [ready, spec, px, py, version, frameTick, scheduleInspect]);

  const preset = kernelFor(state.preset, state.size, state.gauss, state.sigma);
  const edited = JSON.stringify(preset.weights) !== JSON.stringify(state.kernel) || preset.divisor !== state.divisor;

  return (
    <WidgetFrame title={props.title ?? 'Filter lab'} id={id} busy={busy} backendLabel>
      <LinkNotes notes={notes} />
      <div className="filter-lab" ref={root} data-route={info?.filter} data-draw={info?.path}>
        <ImagePicker id={id} source={source} onSample={(s) => (s === state.image ? loadSample(s) : update({ image: s }))} onFile={loadFile} cameraOn={cameraOn} onCamera={(on) => void setCamera(on)} message={imageMessage} />
        <KernelPanel id={id} state={state} update={update} edits={edits} edited={edited} />
        {renderError && (
          <p className="inline-error" role="alert" data-testid={`${id}-error`}>
            {renderError} The last good result stays on screen.
          </p>
        )}
        <div className="controls-row view-row">
          <div role="group" aria-label="View" className="view-toggle">
            <button type="button" aria-pressed={state.view === 'side'} onClick={() => update({ view: 'side' })}>Side by side</button>
            <button type="button" aria-pressed={state.view === 'split'} onClick={() => update({ view: 'split' })}>Split</button>
          </div>
          {info && (
            <span className="timing" data-testid={`${id}-timing`}>
              Last update {Math.round(info.ms)} ms{info.prepared ? ' (including preparing this photo, once)' : ''}: {ROUTES[info.filter ?? 'general']}; {info.path === 'draw' ? 'drawn on the GPU with tf.browser.draw' : 'read back once and drawn with putImageData'}.
            </span>
          )}
        </div>
        <ImageView
          id={id}
          original={original}
          filtered={filtered}
          width={dims.w}
          height={dims.h}
          view={state.view as 'side' | 'split'}
          split={state.split}
          onSplit={(v) => update({ split: v })}
          pixel={{ x: px, y: py }}
          kernelSize={state.kernel.length}
          onPixel={(x, y) => update({ x, y })}
          onDropFile={loadFile}
        />
        <PixelInspector id={id} ins={inspection} display={state.display} magnitude={state.magnitude} />
      </div>
    </WidgetFrame>
  );
}
