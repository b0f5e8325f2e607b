// A widget's state, declared by a schema, restored from the link that opened the page and
// written back to the address bar as it changes, so the current URL always reopens the widget
// exactly as it is.
import { useCallback, useEffect } from 'react';
import { decodeState, encodeState, type Schema, type StateOf } from './schema';
import { routeHref } from './route';
import { useConvLab } from './store';

const schemas = new Map<string, Schema>();

/** The link parameters of every widget on the page, for the address bar and "copy link". */
export function currentWidgetParams(): [string, string][] {
  const { widgets } = useConvLab.getState();
  return Object.entries(widgets).flatMap(([id, state]) => {
    const schema = schemas.get(id);
    return schema ? encodeState(schema, state as StateOf<Schema>, id) : [];
  });
}

let pending = 0;
function scheduleUrlWrite(): void {
  if (pending) return;
  pending = window.setTimeout(() => {
    pending = 0;
    const { route } = useConvLab.getState();
    const href = routeHref(route, currentWidgetParams());
    if (href !== location.hash) history.replaceState(history.state, '', href);
  }, 150);
}

export function useWidgetState<S extends Schema>(
  id: string,
  schema: S,
  check?: (s: StateOf<S>) => string | null,
): [StateOf<S>, (patch: Partial<StateOf<S>>) => void, string[]] {
  const stored = useConvLab((s) => s.widgets[id]) as StateOf<S> | undefined;
  const notes = useConvLab((s) => s.linkNotes[id]) ?? NO_NOTES;
  let state = stored;
  if (!state) {
    // First render on this page: restore from the link (synchronously, so nothing flickers).
    schemas.set(id, schema);
    const decoded = decodeState(schema, useConvLab.getState().routeParams, id, check);
    state = decoded.state;
    queueMicrotask(() => {
      if (!useConvLab.getState().widgets[id]) useConvLab.getState().setWidget(id, decoded.state, decoded.notes);
    });
  }
  const update = useCallback(
    (patch: Partial<StateOf<S>>) => {
      const current = (useConvLab.getState().widgets[id] as StateOf<S> | undefined) ?? decodeState(schema, useConvLab.getState().routeParams, id).state;
      useConvLab.getState().setWidget(id, { ...current, ...patch });
      scheduleUrlWrite();
    },
    [id, schema],
  );
  useEffect(() => () => void 0, []);
  return [state, update, notes];
}

const NO_NOTES: string[] = [];
