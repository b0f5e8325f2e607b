// The frame around every widget: its title, which backend computed it, a "copy link" button that
// reopens the page with this widget exactly as it is, and notes about a link that was tampered with.
import { useState, type ReactNode } from 'react';
import { routeHref } from '../../store/route';
import { useConvLab } from '../../store/store';
import { currentWidgetParams } from '../../store/useWidgetState';

export function WidgetFrame({ title, id, busy, children, backendLabel }: { title: string; id: string; busy: boolean; children: ReactNode; backendLabel?: boolean }) {
  const backend = useConvLab((s) => s.engine?.backend);
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async () => {
    const url = `${location.origin}${location.pathname}${location.search}${routeHref(useConvLab.getState().route, currentWidgetParams())}`;
    try {
      await navigator.clipboard.writeText(url);
      setCopied('Link copied.');
    } catch {
      setCopied(`Copy this link: ${url}`);
    }
  };
  return (
    <section className="widget" aria-labelledby={`${id}-title`} data-widget={id} data-busy={busy ? 'true' : 'false'}>
      <header className="widget-header">
        <h3 id={`${id}-title`}>{title}</h3>
        {backendLabel && backend && <span className="computed-on">computed with tfjs on {backend}</span>}
        <button type="button" className="link-button" onClick={copy}>
          Copy link to this state
        </button>
        {copied && (
          <span className="copied" role="status">
            {copied}
          </span>
        )}
      </header>
      {children}
    </section>
  );
}

export function LinkNotes({ notes }: { notes: string[] }) {
  if (!notes.length) return null;
  return (
    <div className="link-notes" role="status">
      {notes.map((n) => (
        <p key={n}>{n}</p>
      ))}
    </div>
  );
}
