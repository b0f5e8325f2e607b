// Hover highlights on React-owned grids without re-rendering them: on each pointer move a widget
// says which cells of which grids get which highlight class, and this adds and removes those classes
// directly (hl-window, hl-receptive, hl-hovered, hl-same; styled in gridHighlight.css). React owns
// the cells' own classes; a widget re-applies its highlight after each render (useGridHighlight).
import { useCallback, useLayoutEffect, useMemo, useRef } from 'react';
import './gridHighlight.css';

export type HighlightClass = 'hl-window' | 'hl-receptive' | 'hl-hovered' | 'hl-same';
/** For each grid (by data-testid), the "y,x" cells to give each class. */
export type GridMarks = Record<string, Partial<Record<HighlightClass, Iterable<string>>>>;
export interface Described { marks: GridMarks; note: string }

/** Cells of a grid by "y,x", cached until the grid's cells change. */
const cellMaps = new WeakMap<Element, { count: number; first: Element | null; map: Map<string, Element> }>();
function cellsOf(grid: Element): Map<string, Element> {
  const cached = cellMaps.get(grid);
  if (cached && cached.count === grid.childElementCount && cached.first === grid.firstElementChild) return cached.map;
  const map = new Map<string, Element>();
  for (const el of grid.children) map.set(`${(el as HTMLElement).dataset.y},${(el as HTMLElement).dataset.x}`, el);
  cellMaps.set(grid, { count: grid.childElementCount, first: grid.firstElementChild, map });
  return map;
}

export function createGridHighlighter() {
  let applied: [Element, string][] = [];
  return {
    apply(root: Element | null, marks: GridMarks | null): void {
      for (const [el, cls] of applied) el.classList.remove(cls);
      applied = [];
      if (!root || !marks) return;
      for (const [testId, byClass] of Object.entries(marks)) {
        const grid = root.querySelector(`[data-testid="${testId}"]`);
        if (!grid) continue;
        const cells = cellsOf(grid);
        for (const [cls, keys] of Object.entries(byClass)) {
          for (const key of keys ?? []) {
            const el = cells.get(key);
            if (!el) continue;
            el.classList.add(cls);
            applied.push([el, cls]);
          }
        }
      }
    },
  };
}

/**
 * A widget's hover linking: `show(focus)` draws what `describe(focus)` says (marks and a sentence in
 * the note element) and toggles `is-hovering` on the root; nothing re-renders. `idle` is the note
 * when nothing is hovered.
 */
export function useGridHighlight<F>(describe: (focus: F) => Described | null, idle: string) {
  const root = useRef<HTMLDivElement>(null);
  const note = useRef<HTMLParagraphElement>(null);
  const highlighter = useMemo(createGridHighlighter, []);
  const latest = useRef({ describe, idle });
  latest.current = { describe, idle };
  const focus = useRef<F | null>(null);
  const show = useCallback(
    (f: F | null) => {
      focus.current = f;
      const d = f === null ? null : latest.current.describe(f);
      highlighter.apply(root.current, d?.marks ?? null);
      root.current?.classList.toggle('is-hovering', !!d);
      if (note.current) note.current.textContent = d?.note ?? latest.current.idle;
    },
    [highlighter],
  );
  // React may have replaced cells or their classes: draw the current focus again after every render.
  useLayoutEffect(() => show(focus.current));
  return { root, note, show };
}

export const key = (y: number, x: number) => `${y},${x}`;
