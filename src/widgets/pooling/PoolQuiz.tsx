// Quiz mode of the pooling widget: the student types the pooled output, "Check" compares each cell
// with the engine's result (marking ✓ or ✗), "Show the answer" reveals the engine's numbers.
import { useCallback, useEffect, useState } from 'react';
import { MatrixGrid, type GridCell } from '../../viz/MatrixGrid';
import { parseCell } from '../common/useMatrixEdits';

/** Typed answers may be rounded: 4.24 counts for √18 = 4.2426…. */
const TOLERANCE = 0.01;

export interface Quiz {
  drafts: Record<string, string>;
  onEdit: (y: number, x: number, text: string) => void;
  invalid: Set<string>;
  checked: boolean;
  revealed: boolean;
  allRight: boolean;
  check: () => void;
  reveal: () => void;
  reset: () => void;
  markOf: (y: number, x: number) => string | undefined;
}

export function useQuiz(answerKey: number[][] | null): Quiz {
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [checked, setChecked] = useState(false);
  const [revealed, setRevealed] = useState(false);
  const keyText = JSON.stringify(answerKey);
  useEffect(() => {
    setChecked(false);
    setRevealed(false);
  }, [keyText]);
  const onEdit = useCallback((y: number, x: number, text: string) => {
    setDrafts((d) => ({ ...d, [`${y},${x}`]: text }));
    setChecked(false);
  }, []);
  const right = (y: number, x: number) => {
    const v = parseCell(drafts[`${y},${x}`] ?? '', 1e9);
    return typeof v === 'number' && answerKey !== null && Math.abs(v - answerKey[y][x]) <= TOLERANCE;
  };
  const invalid = new Set(Object.entries(drafts).filter(([, t]) => t.trim() !== '' && typeof parseCell(t, 1e9) === 'string').map(([k]) => k));
  const allRight = answerKey !== null && answerKey.every((row, y) => row.every((_, x) => right(y, x)));
  return {
    drafts, onEdit, invalid, checked, revealed, allRight,
    check: () => setChecked(true),
    reveal: () => setRevealed(true),
    reset: () => {
      setDrafts({});
      setChecked(false);
      setRevealed(false);
    },
    markOf: (y, x) => (checked ? (right(y, x) ? 'answer-right' : 'answer-wrong') : undefined),
  };
}

export function PoolQuiz({ id, quiz, rows, cols, onCell, focus }: { id: string; quiz: Quiz; rows: number; cols: number; onCell: (c: GridCell | null) => void; focus: GridCell | null }) {
  return (
    <MatrixGrid
      label="Your answer"
      testId={`${id}-answer`}
      values={Array.from({ length: rows }, () => new Array<number | null>(cols).fill(null))}
      editable
      drafts={quiz.drafts}
      invalid={quiz.invalid}
      onEdit={quiz.onEdit}
      onCell={onCell}
      mark={(y, x) => [quiz.markOf(y, x), focus && focus.y === y && focus.x === x ? 'current' : undefined].filter(Boolean).join(' ') || undefined}
    />
  );
}

PoolQuiz.Buttons = function QuizButtons({ quiz }: { quiz: Quiz }) {
  return (
    <div className="controls-row quiz-buttons">
      <button type="button" onClick={quiz.check}>Check my answer</button>
      {!quiz.revealed && <button type="button" onClick={quiz.reveal}>Show the answer</button>}
      <button type="button" onClick={quiz.reset}>Start again</button>
      {quiz.checked && (
        <span role="status" className={quiz.allRight ? 'quiz-right' : 'quiz-wrong'}>
          {quiz.allRight ? 'All correct: every cell matches the engine’s result.' : 'The cells marked ✗ do not match yet. Step the window to each of them, or show the answer.'}
        </span>
      )}
      {quiz.invalid.size > 0 && <span className="inline-error" role="alert">Type numbers only (a cell marked red is not a number).</span>}
    </div>
  );
};
