// Checks a student's typed answer against the engine's answer, forgivingly about format
// ("−2" or "-2", "32x32x10" or "32 × 32 × 10", "yes"/"no") and strictly about value.
import type { Answer, Verdict } from './types';
import { formatNumber } from '../viz/format';

/** Reads a number as a student may type it: Unicode minus, comma decimals, fractions like 7/3. */
export function readNumber(text: string): number | null {
  const t = text.trim().replace(/[−–]/g, '-').replace(/^\+/, '').replace(/(\d),(\d)/, '$1.$2');
  if (t === '') return null;
  const frac = /^(-?\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)$/.exec(t);
  if (frac) return Number(frac[2]) === 0 ? null : Number(frac[1]) / Number(frac[2]);
  if (!/^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(t)) return null;
  return Number(t);
}

function close(a: number, b: number, tolerance?: number): boolean {
  const tol = tolerance ?? (Number.isInteger(b) ? 1e-6 : 0.01);
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
}

export type StudentAnswer = string | string[][] | number | boolean | null;

export function checkAnswer(answer: Answer, given: StudentAnswer): Verdict {
  switch (answer.type) {
    case 'number': {
      const v = typeof given === 'string' ? readNumber(given) : null;
      if (v === null) return { correct: false, message: `“${String(given ?? '')}” is not a number: type a number such as 7, −2 or 2.5.` };
      return close(v, answer.value, answer.tolerance)
        ? { correct: true, message: `Right: ${formatNumber(answer.value)}.` }
        : { correct: false, message: `${formatNumber(v)} is not right.` };
    }
    case 'numbers': {
      const parts = typeof given === 'string' ? given.split(/[×x*,;\s]+/i).filter(Boolean) : [];
      const nums = parts.map(readNumber);
      if (!parts.length || nums.some((n) => n === null)) {
        return { correct: false, message: `Type ${answer.value.length} numbers separated by × or commas, e.g. ${answer.value.map(() => 'n').join(' × ')}.` };
      }
      if (nums.length !== answer.value.length) return { correct: false, message: `That is ${nums.length} number${nums.length === 1 ? '' : 's'}; the answer has ${answer.value.length}.` };
      const wrong = answer.value.map((v, i) => (close(nums[i]!, v) ? -1 : i)).filter((i) => i >= 0);
      if (!wrong.length) return { correct: true, message: `Right: ${answer.value.map(formatNumber).join(' × ')}.` };
      const names = wrong.map((i) => answer.labels?.[i] ?? `number ${i + 1}`);
      return { correct: false, message: `Not quite: check the ${names.join(' and the ')}.` };
    }
    case 'yesno': {
      const v = typeof given === 'boolean' ? given : null;
      if (v === null) return { correct: false, message: 'Choose yes or no.' };
      return v === answer.value ? { correct: true, message: `Right: ${v ? 'yes' : 'no'}.` } : { correct: false, message: `Not ${v ? 'yes' : 'no'}.` };
    }
    case 'choice': {
      const v = typeof given === 'number' ? given : null;
      if (v === null || v < 0 || v >= answer.options.length) return { correct: false, message: 'Choose one of the options.' };
      return v === answer.value ? { correct: true, message: `Right: ${answer.options[v]}.` } : { correct: false, message: `Not “${answer.options[v]}”.` };
    }
    case 'matrix': {
      const cells = Array.isArray(given) ? given : null;
      if (!cells) return { correct: false, message: 'Fill in every cell.' };
      let wrong = 0;
      for (let y = 0; y < answer.value.length; y++) {
        for (let x = 0; x < answer.value[0].length; x++) {
          const v = readNumber(cells[y]?.[x] ?? '');
          if (v === null) return { correct: false, message: `Row ${y + 1}, column ${x + 1} is not a number.` };
          if (!close(v, answer.value[y][x])) wrong++;
        }
      }
      const total = answer.value.length * answer.value[0].length;
      return wrong === 0 ? { correct: true, message: 'Right: every cell.' } : { correct: false, message: `${wrong} of ${total} cells are not right.` };
    }
  }
}
