// <Exercises id="ex" kinds="kind-a,kind-b" />: questions with fresh numbers (a seed kept in the
// link, so a shared link shows the same numbers), an answer field per question, feedback with the
// engine-computed worked solution, and progress recorded in the persisted store.
//
// Props: `kinds` is a comma-separated list of ExerciseKind ids (src/exercises/kinds/*.ts);
// `id` prefixes the seed in links; `title` overrides the heading.
import { useEffect, useMemo, useState } from 'react';
import { checkAnswer, type StudentAnswer } from '../../exercises/check';
import { freshSeed, seededRand } from '../../exercises/rand';
import { exerciseKinds } from '../../exercises/registry';
import type { Question, Verdict } from '../../exercises/types';
import type { Schema } from '../../store/schema';
import { useConvLab } from '../../store/store';
import { useWidgetState } from '../../store/useWidgetState';
import { useEngineResult } from '../common/useEngineResult';
import { LinkNotes, WidgetFrame } from '../common/WidgetFrame';
import { AnswerInput } from './AnswerInput';
import { MatrixGrid } from '../../viz/MatrixGrid';
import './exercises.css';

const schema = {
  seed: { kind: 'int', label: 'exercise numbers', default: 0, min: 0, max: 2 ** 31 - 1 },
} satisfies Schema;

export interface ExercisesProps {
  id?: string;
  kinds: string;
  title?: string;
}

export function Exercises({ id = 'ex', kinds, title = 'Exercises' }: ExercisesProps) {
  const [state, update, notes] = useWidgetState(id, schema);
  const lesson = useConvLab((s) => (s.route.page === 'lesson' ? s.route.id : 'none'));
  const ids = useMemo(() => kinds.split(',').map((k) => k.trim()).filter(Boolean), [kinds]);
  const unknown = ids.filter((k) => !exerciseKinds[k]);
  // No seed in the link: choose fresh numbers (and put them in the link).
  useEffect(() => {
    if (state.seed === 0) update({ seed: freshSeed() || 1 });
  }, [state.seed, update]);
  const questions = useEngineResult<Question[]>(
    () => (state.seed === 0 ? new Promise<Question[]>(() => {}) : Promise.all(ids.filter((k) => exerciseKinds[k]).map((k, i) => exerciseKinds[k].generate(seededRand(state.seed * 7919 + i))))),
    [state.seed, ids.join()],
  );
  return (
    <WidgetFrame title={title} id={id} busy={questions.busy}>
      <LinkNotes notes={notes} />
      {unknown.length > 0 && <p className="inline-error">Unknown exercise kinds: {unknown.join(', ')}.</p>}
      {questions.error && <p className="inline-error" role="alert">{questions.error}</p>}
      <ol className="exercise-list">
        {(questions.value ?? []).map((q, i) => (
          <li key={`${state.seed}-${i}`}>
            <QuestionCard question={q} number={i + 1} onChecked={(ok) => useConvLab.getState().recordExercise(`${lesson}/${q.kind}`, ok)} />
          </li>
        ))}
      </ol>
      <button type="button" onClick={() => update({ seed: freshSeed() || 1 })}>
        New numbers
      </button>
    </WidgetFrame>
  );
}

function QuestionCard({ question, number, onChecked }: { question: Question; number: number; onChecked: (correct: boolean) => void }) {
  const [given, setGiven] = useState<StudentAnswer>(null);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [showSolution, setShowSolution] = useState(false);
  const check = () => {
    const v = checkAnswer(question.answer, given);
    setVerdict(v);
    onChecked(v.correct);
    setShowSolution(true);
  };
  const title = exerciseKinds[question.kind]?.title ?? question.kind;
  return (
    <div className="exercise" data-kind={question.kind} data-result={verdict ? (verdict.correct ? 'correct' : 'wrong') : 'open'}>
      <h4>
        {number}. {title}
      </h4>
      <p className="exercise-prompt">{question.prompt}</p>
      {question.figures && (
        <div className="exercise-figures">
          {question.figures.map((f) => (
            <figure key={f.label}>
              <figcaption>{f.label}</figcaption>
              <MatrixGrid label={f.label} values={f.values} size="small" />
            </figure>
          ))}
        </div>
      )}
      <form
        className="exercise-answer"
        onSubmit={(e) => {
          e.preventDefault();
          check();
        }}
      >
        <AnswerInput answer={question.answer} value={given} onChange={(v) => { setGiven(v); setVerdict(null); }} label={`Answer to exercise ${number}`} />
        <button type="submit">Check</button>
        {!showSolution && (
          <button type="button" className="quiet" onClick={() => setShowSolution(true)}>
            Show the solution
          </button>
        )}
      </form>
      {verdict && (
        <p className={`verdict ${verdict.correct ? 'correct' : 'wrong'}`} role="status">
          {verdict.correct ? '✓ ' : '✗ '}
          {verdict.message}
          {!verdict.correct && ' The worked solution is below; try again with it in mind, or get new numbers.'}
        </p>
      )}
      {showSolution && (
        <div className="solution">
          <p className="solution-title">Worked solution</p>
          <ol>
            {question.solution.map((step, i) => (
              <li key={i}>{step}</li>
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}
