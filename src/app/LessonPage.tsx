// A lesson: title, time and goals from its metadata, a table of contents, the MDX body with the
// registered widgets, and previous/next links. Visiting marks progress.
import { Children, isValidElement, useEffect, useRef, useState, type ReactNode } from 'react';
import { widgetRegistry } from '../widgets/registry';
import { useConvLab } from '../store/store';
import { findLesson, tracks } from './lessonCatalog';

function textOf(node: ReactNode): string {
  return Children.toArray(node)
    .map((c) => (typeof c === 'string' || typeof c === 'number' ? String(c) : isValidElement<{ children?: ReactNode }>(c) ? textOf(c.props.children) : ''))
    .join('');
}

export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

const components = {
  ...widgetRegistry,
  h2: ({ children }: { children?: ReactNode }) => <h2 id={slug(textOf(children))}>{children}</h2>,
};

export function LessonPage({ id }: { id: string }) {
  const found = findLesson(id);
  const markVisited = useConvLab((s) => s.markVisited);
  const article = useRef<HTMLElement>(null);
  const [toc, setToc] = useState<{ id: string; text: string }[]>([]);
  useEffect(() => {
    if (!found) return;
    markVisited(id);
    document.title = `${found.lesson.meta.title} · ConvLab`;
    setToc([...(article.current?.querySelectorAll('h2[id]') ?? [])].map((h) => ({ id: h.id, text: h.textContent ?? '' })));
    window.scrollTo(0, 0);
  }, [id]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!found) {
    return (
      <div className="missing">
        <h1>No lesson called “{id}”</h1>
        <p>
          <a href="#/">See all lessons</a>.
        </p>
      </div>
    );
  }
  const { lesson, previous, next } = found;
  const { meta, Body } = lesson;
  const track = tracks.find((t) => t.id === meta.track);
  return (
    <div className="lesson-layout">
      <nav className="toc" aria-label="On this page">
        <p className="toc-track">{track?.title}</p>
        <ol>
          {toc.map((t) => (
            <li key={t.id}>
              <a href={`#${t.id}`} onClick={(e) => { e.preventDefault(); document.getElementById(t.id)?.scrollIntoView({ behavior: 'smooth' }); }}>
                {t.text}
              </a>
            </li>
          ))}
        </ol>
      </nav>
      <article className="lesson" ref={article} data-lesson={meta.id}>
        <header className="lesson-header">
          <h1>{meta.title}</h1>
          <p className="lesson-meta">About {meta.minutes} minutes</p>
          <section className="goals" aria-label="Goals">
            <h2 className="goals-title">After this lesson you can</h2>
            <ul>
              {meta.goals.map((g) => (
                <li key={g}>{g}</li>
              ))}
            </ul>
          </section>
        </header>
        <Body components={components} />
        <nav className="prev-next" aria-label="Lessons">
          {previous ? <a href={`#/lesson/${previous.meta.id}`} rel="prev">← {previous.meta.title}</a> : <span />}
          {next ? <a href={`#/lesson/${next.meta.id}`} rel="next">{next.meta.title} →</a> : <a href="#/">All lessons</a>}
        </nav>
      </article>
    </div>
  );
}
