// The one zustand store, in typed slices: engine status, route, widget states (shared through
// links), learner progress and settings (persisted locally). Components read it through narrow
// selectors; fast-changing values stay in components and refs.
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { EngineStatus } from '../engine';
import { parseHash, type Route } from './route';
import { safeStorage } from './safeStorage';

export interface ExerciseRecord {
  attempts: number;
  correct: number;
  /** Whether the latest attempt was right. */
  lastCorrect: boolean;
}

export interface ConvLabState {
  // engine slice
  engine: EngineStatus | null;
  setEngine(s: EngineStatus): void;
  // route slice
  route: Route;
  /** The query part of the current hash: widget state from a link. */
  routeParams: URLSearchParams;
  syncRoute(hash: string): void;
  // widget slice: state of every widget on the current page, keyed by widget id
  widgets: Record<string, unknown>;
  linkNotes: Record<string, string[]>;
  setWidget(id: string, state: unknown, notes?: string[]): void;
  // progress slice (persisted)
  visited: Record<string, number>;
  exercises: Record<string, ExerciseRecord>;
  markVisited(lessonId: string): void;
  recordExercise(key: string, correct: boolean): void;
  resetProgress(): void;
  // settings slice (persisted)
  presenter: boolean;
  setPresenter(on: boolean): void;
  // storage problems, shown once in the shell
  storageNote: string | null;
}

const initial = parseHash(typeof location === 'undefined' ? '' : location.hash);

export const useConvLab = create<ConvLabState>()(
  persist(
    (set) => ({
      engine: null,
      setEngine: (engine) => set({ engine }),

      route: initial.route,
      routeParams: initial.params,
      // Our own address-bar updates use replaceState and fire no hashchange, so every call here is
      // navigation from outside (a link, the back button, a pasted URL): widgets re-read it, even on
      // the same page.
      syncRoute: (hash) =>
        set(() => {
          const { route, params } = parseHash(hash);
          return { route, routeParams: params, widgets: {}, linkNotes: {} };
        }),

      widgets: {},
      linkNotes: {},
      setWidget: (id, state, notes) =>
        set((s) => ({ widgets: { ...s.widgets, [id]: state }, ...(notes ? { linkNotes: { ...s.linkNotes, [id]: notes } } : {}) })),

      visited: {},
      exercises: {},
      markVisited: (lessonId) => set((s) => ({ visited: { ...s.visited, [lessonId]: Date.now() } })),
      recordExercise: (key, correct) =>
        set((s) => {
          const old = s.exercises[key] ?? { attempts: 0, correct: 0, lastCorrect: false };
          return { exercises: { ...s.exercises, [key]: { attempts: old.attempts + 1, correct: old.correct + (correct ? 1 : 0), lastCorrect: correct } } };
        }),
      resetProgress: () => set({ visited: {}, exercises: {} }),

      presenter: false,
      setPresenter: (presenter) => set({ presenter }),

      storageNote: null,
    }),
    {
      name: 'convlab-progress-v1',
      version: 1,
      storage: createJSONStorage(() => safeStorage((message) => queueMicrotask(() => useConvLab.setState({ storageNote: message })))),
      partialize: (s) => ({ visited: s.visited, exercises: s.exercises, presenter: s.presenter }),
      // Stored data from another version or tampered with: keep only well-formed entries.
      merge: (persisted, current) => {
        const p = (persisted ?? {}) as Partial<ConvLabState>;
        const okRecord = (r: unknown): r is ExerciseRecord =>
          !!r && typeof r === 'object' && Number.isInteger((r as ExerciseRecord).attempts) && Number.isInteger((r as ExerciseRecord).correct);
        const exercises = Object.fromEntries(Object.entries(p.exercises && typeof p.exercises === 'object' ? p.exercises : {}).filter(([, r]) => okRecord(r)));
        const visited = Object.fromEntries(Object.entries(p.visited && typeof p.visited === 'object' ? p.visited : {}).filter(([, t]) => typeof t === 'number'));
        return { ...current, exercises, visited, presenter: p.presenter === true };
      },
    },
  ),
);
