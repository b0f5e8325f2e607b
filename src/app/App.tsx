// The shell: header with navigation and the backend badge, the current page, storage notes.
import { useEffect } from 'react';
import { useConvLab } from '../store/store';
import { AboutPage } from './AboutPage';
import { BackendBadge } from './BackendBadge';
import { ErrorBoundary } from './ErrorBoundary';
import { LessonIndex } from './LessonIndex';
import { LessonPage } from './LessonPage';

export function App() {
  const route = useConvLab((s) => s.route);
  const presenter = useConvLab((s) => s.presenter);
  const setPresenter = useConvLab((s) => s.setPresenter);
  const storageNote = useConvLab((s) => s.storageNote);
  useEffect(() => {
    document.documentElement.classList.toggle('presenter', presenter);
  }, [presenter]);
  const key = route.page === 'lesson' ? `lesson-${route.id}` : route.page;
  return (
    <>
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        Skip to content
      </a>
      <header className="app-header">
        <a className="brand" href="#/">
          <img src="./favicon.svg" alt="" width={28} height={28} /> ConvLab
        </a>
        <nav aria-label="Site">
          <a href="#/">Lessons</a>
          <a href="#/about">About</a>
        </nav>
        <label className="presenter-toggle">
          <input type="checkbox" checked={presenter} onChange={(e) => setPresenter(e.target.checked)} /> Large text
        </label>
        <BackendBadge />
      </header>
      {storageNote && (
        <p className="storage-note" role="status">
          {storageNote}
        </p>
      )}
      <main id="main" tabIndex={-1}>
        <ErrorBoundary key={key}>
          {route.page === 'index' && <LessonIndex />}
          {route.page === 'lesson' && <LessonPage id={route.id} />}
          {route.page === 'about' && <AboutPage />}
          {route.page === 'missing' && (
            <div className="missing">
              <h1>There is no page at “{route.path}”</h1>
              <p>
                The link may be mistyped or from a newer version of ConvLab. <a href="#/">See all lessons</a>.
              </p>
            </div>
          )}
        </ErrorBoundary>
      </main>
    </>
  );
}
