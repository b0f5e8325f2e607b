// The answer field for each kind of answer: a text box for numbers, yes/no and option radios,
// or a grid of boxes for a matrix.
import type { StudentAnswer } from '../../exercises/check';
import type { Answer } from '../../exercises/types';

export function AnswerInput({ answer, value, onChange, label }: { answer: Answer; value: StudentAnswer; onChange: (v: StudentAnswer) => void; label: string }) {
  switch (answer.type) {
    case 'number':
    case 'numbers':
      return (
        <label className="answer-text">
          <span>Your answer</span>
          <input
            type="text"
            inputMode={answer.type === 'number' ? 'decimal' : 'text'}
            aria-label={label}
            placeholder={answer.type === 'numbers' ? 'numbers, e.g. a × b' : ''}
            value={typeof value === 'string' ? value : ''}
            onChange={(e) => onChange(e.target.value)}
          />
        </label>
      );
    case 'yesno':
    case 'choice': {
      const options = answer.type === 'yesno' ? ['yes', 'no'] : answer.options;
      const selected = answer.type === 'yesno' ? (value === true ? 0 : value === false ? 1 : -1) : typeof value === 'number' ? value : -1;
      return (
        <fieldset className="answer-choice">
          <legend className="visually-hidden">{label}</legend>
          {options.map((o, i) => (
            <label key={o}>
              <input type="radio" name={label} checked={selected === i} onChange={() => onChange(answer.type === 'yesno' ? i === 0 : i)} /> {o}
            </label>
          ))}
        </fieldset>
      );
    }
    case 'matrix': {
      const rows = answer.value.length;
      const cols = answer.value[0].length;
      const cells = Array.isArray(value) ? value : Array.from({ length: rows }, () => new Array(cols).fill(''));
      return (
        <div className="answer-matrix" role="group" aria-label={label} style={{ gridTemplateColumns: `repeat(${cols}, 3.2rem)` }}>
          {cells.map((row, y) =>
            row.map((text, x) => (
              <input
                key={`${y},${x}`}
                aria-label={`${label}, row ${y + 1}, column ${x + 1}`}
                inputMode="decimal"
                value={text}
                onChange={(e) => onChange(cells.map((r, i) => (i === y ? r.map((t, j) => (j === x ? e.target.value : t)) : [...r])))}
              />
            )),
          )}
        </div>
      );
    }
  }
}
