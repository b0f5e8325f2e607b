// d3-zoom on a canvas, as a controller that owns the DOM behaviour (createX({ node }) → { update,
// destroy }, as React Flow does): drag to pan, Ctrl/⌘ + wheel or pinch to zoom (a plain wheel keeps
// scrolling the page), buttons and keys through scaleBy/reset. Transforms map content pixels
// (matrix coordinates × base scale) to canvas pixels.
import { select, zoom, zoomIdentity, zoomTransform, type D3ZoomEvent, type ZoomBehavior, type ZoomTransform } from 'd3';

export interface ZoomView {
  /** Size of the canvas in CSS pixels. */
  width: number;
  height: number;
  /** Size of the content at scale 1, in CSS pixels. */
  contentWidth: number;
  contentHeight: number;
  /** Largest zoom factor. */
  maxScale: number;
}

export interface ZoomControllerOptions extends ZoomView {
  node: HTMLElement;
  /** Every change (drag, wheel, buttons): redraw here. */
  onZoom: (t: ZoomTransform) => void;
  /** End of a gesture: persist here (e.g. into a link). */
  onEnd?: (t: ZoomTransform) => void;
}

export interface ZoomController {
  update(view: Partial<ZoomView>): void;
  transform(): ZoomTransform;
  /** Zooms by a factor about the canvas centre. */
  scaleBy(k: number): void;
  /** Scale k centred on content point (cx, cy). */
  centreOn(k: number, cx: number, cy: number): void;
  reset(): void;
  destroy(): void;
}

export function createZoomController(opts: ZoomControllerOptions): ZoomController {
  let view: ZoomView = { width: opts.width, height: opts.height, contentWidth: opts.contentWidth, contentHeight: opts.contentHeight, maxScale: opts.maxScale };
  const node = select(opts.node as Element);
  const behaviour: ZoomBehavior<Element, unknown> = zoom<Element, unknown>()
    .filter((event: MouseEvent & WheelEvent) => (event.type === 'wheel' ? event.ctrlKey || event.metaKey : !event.button))
    .clickDistance(4)
    .on('zoom', (e: D3ZoomEvent<Element, unknown>) => opts.onZoom(e.transform))
    .on('end', (e: D3ZoomEvent<Element, unknown>) => e.sourceEvent && opts.onEnd?.(e.transform));
  const configure = () => {
    behaviour
      .extent([[0, 0], [view.width, view.height]])
      .scaleExtent([1, Math.max(1, view.maxScale)])
      .translateExtent([[0, 0], [Math.max(view.contentWidth, 1), Math.max(view.contentHeight, 1)]]);
  };
  configure();
  node.call(behaviour);
  const current = () => zoomTransform(opts.node as Element);
  const apply = (t: ZoomTransform, end = true) => {
    node.call(behaviour.transform, t);
    if (end) opts.onEnd?.(current());
  };
  return {
    update(next) {
      view = { ...view, ...next };
      configure();
      // Re-apply so the transform is constrained to the new extents.
      node.call(behaviour.transform, current());
    },
    transform: current,
    scaleBy(k) {
      node.call(behaviour.scaleBy, k);
      opts.onEnd?.(current());
    },
    centreOn(k, cx, cy) {
      const s = Math.min(Math.max(k, 1), Math.max(1, view.maxScale));
      apply(zoomIdentity.translate(view.width / 2 - s * cx, view.height / 2 - s * cy).scale(s), false);
    },
    reset() {
      apply(zoomIdentity);
    },
    destroy() {
      node.on('.zoom', null);
    },
  };
}
