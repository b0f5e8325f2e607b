// Playback controls for anything that steps through window positions: first, back, play/pause,
// forward, last, a scrubber and a speed choice. Every control is a labelled native element.
import { useEffect } from 'react';

/** Small inline icons: no icon font or emoji needed, so they render on every machine. */
const ICONS = {
  first: 'M2 3h2v14H2zM11 3v14L5 10zM18 3v14l-6-7z',
  back: 'M13 3v14L5 10zM15 3h2v14h-2z',
  play: 'M5 3v14l12-7z',
  pause: 'M4 3h4v14H4zM12 3h4v14h-4z',
  forward: 'M3 3h2v14H3zM7 3v14l8-7z',
  last: 'M2 3v14l6-7zM9 3v14l6-7zM16 3h2v14h-2z',
} as const;
function Icon({ d }: { d: string }) {
  return (
    <svg viewBox="0 0 20 20" aria-hidden="true">
      <path d={d} />
    </svg>
  );
}

export const SPEEDS = { slow: 1400, normal: 800, fast: 300 } as const;
export type Speed = keyof typeof SPEEDS;

export interface TransportProps {
  step: number;
  count: number;
  onStep: (step: number) => void;
  playing: boolean;
  onPlaying: (playing: boolean) => void;
  speed: Speed;
  onSpeed: (speed: Speed) => void;
  /** What the current step shows, read out to screen readers. */
  describe: string;
}

export function Transport({ step, count, onStep, playing, onPlaying, speed, onSpeed, describe }: TransportProps) {
  const last = Math.max(0, count - 1);
  useEffect(() => {
    if (!playing) return;
    const timer = window.setInterval(() => {
      onStep(step >= last ? 0 : step + 1);
    }, SPEEDS[speed]);
    return () => window.clearInterval(timer);
  }, [playing, step, last, speed, onStep]);
  useEffect(() => {
    if (playing && step >= last) onPlaying(false);
  }, [playing, step, last, onPlaying]);
  const go = (s: number) => onStep(Math.max(0, Math.min(last, s)));
  return (
    <div className="transport" role="group" aria-label="Window position">
      <button type="button" onClick={() => go(0)} disabled={step === 0} aria-label="First position" title="First position (Home)"><Icon d={ICONS.first} /></button>
      <button type="button" onClick={() => go(step - 1)} disabled={step === 0} aria-label="Step back" title="Step back (←)"><Icon d={ICONS.back} /></button>
      <button
        type="button"
        className="play"
        onClick={() => {
          if (!playing && step >= last) go(0);
          onPlaying(!playing);
        }}
        aria-label={playing ? 'Pause' : 'Play'}
        title="Play or pause (Space)"
      >
        <Icon d={playing ? ICONS.pause : ICONS.play} />
      </button>
      <button type="button" onClick={() => go(step + 1)} disabled={step >= last} aria-label="Step forward" title="Step forward (→)"><Icon d={ICONS.forward} /></button>
      <button type="button" onClick={() => go(last)} disabled={step >= last} aria-label="Last position" title="Last position (End)"><Icon d={ICONS.last} /></button>
      <label className="scrub">
        <span className="visually-hidden">Position</span>
        <input type="range" min={0} max={last} value={step} onChange={(e) => go(Number(e.target.value))} aria-valuetext={describe} />
      </label>
      <label>
        Speed{' '}
        <select value={speed} onChange={(e) => onSpeed(e.target.value as Speed)}>
          <option value="slow">slow</option>
          <option value="normal">normal</option>
          <option value="fast">fast</option>
        </select>
      </label>
      <span className="step-count" aria-live="polite">
        {describe}
      </span>
    </div>
  );
}

/** Keyboard stepping for a widget: ←/→ step, Home/End, Space plays (ignored while typing in a cell). */
export function transportKeys(e: React.KeyboardEvent, t: Pick<TransportProps, 'step' | 'count' | 'onStep' | 'playing' | 'onPlaying'>): void {
  const target = e.target as HTMLElement;
  if (target.closest('input, select, textarea')) return;
  const last = Math.max(0, t.count - 1);
  const moves: Record<string, number> = { ArrowRight: t.step + 1, ArrowLeft: t.step - 1, Home: 0, End: last };
  if (e.key in moves && !target.closest('.matrix-grid')) {
    e.preventDefault();
    t.onStep(Math.max(0, Math.min(last, moves[e.key])));
  } else if (e.key === ' ' && target.tagName !== 'BUTTON') {
    e.preventDefault();
    t.onPlaying(!t.playing);
  }
}
