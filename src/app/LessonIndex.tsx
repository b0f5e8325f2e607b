// The home page: what ConvLab is, and every lesson by track, with the learner's progress.
import { useConvLab } from '../store/store';
import { catalogProblems, lessons, tracks } from './lessonCatalog';

export function LessonIndex() {
  const visited = useConvLab((s) => s.visited);
  const exercises = useConvLab((s) => s.exercises);
  const solved = (id: string) => Object.entries(exercises).filter(([k, r]) => k.startsWith(`${id}/`) && r.correct > 0).length;
  return (
    <div className="index">
      <section className="hero">
        <h1>See how a convolution works, one number at a time</h1>
        <p>
          Slide a kernel over an image, change any number and watch every result change. Every value on these pages is
          computed live in your browser by TensorFlow.js, the same way a deep-learning framework computes it.
        </p>
      </section>
      {catalogProblems.length > 0 && (
        <div className="page-error" role="alert">
          <p>Some lessons could not be listed:</p>
          <ul>{catalogProblems.map((p) => <li key={p}>{p}</li>)}</ul>
        </div>
      )}
      {tracks.map((track) => {
        const inTrack = lessons.filter((l) => l.meta.track === track.id);
        if (!inTrack.length) return null;
        return (
          <section key={track.id} className="track" aria-labelledby={`track-${track.id}`}>
            <h2 id={`track-${track.id}`}>{track.title}</h2>
            <p>{track.description}</p>
            <ol className="lesson-cards">
              {inTrack.map((l) => (
                <li key={l.meta.id}>
                  <a href={`#/lesson/${l.meta.id}`} className="lesson-card">
                    <span className="lesson-card-title">{l.meta.title}</span>
                    <span className="lesson-card-summary">{l.meta.summary ?? l.meta.goals[0]}</span>
                    <span className="lesson-card-meta">
                      {l.meta.minutes} min
                      {visited[l.meta.id] ? ' · visited' : ''}
                      {solved(l.meta.id) ? ` · ${solved(l.meta.id)} exercise${solved(l.meta.id) === 1 ? '' : 's'} solved` : ''}
                    </span>
                  </a>
                </li>
              ))}
            </ol>
          </section>
        );
      })}
    </div>
  );
}
