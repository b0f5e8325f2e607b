// Exercises: questions generated with fresh numbers each time, whose answers the engine computes,
// and worked solutions built from the same numbers. No React here: src/widgets/exercises renders.
//
// To add exercises for a lesson: create src/exercises/kinds/<lesson>.ts exporting
//   export const kinds: ExerciseKind[] = [{ id: 'padding-same', title: '…', generate: async (rand) => ({ … }) }];
// and put <Exercises id="ex" kinds="padding-same,other-kind" /> at the end of the lesson. The id must be
// unique across all files (a unit test checks). Never type an answer into code or content: call the
// engine (conv2d, outputSize, pool2d…) on the generated numbers and put its result in `answer`.

/** Seeded random numbers, so a link can reproduce the same questions. */
export interface Rand {
  /** Uniform in [0, 1). */
  next(): number;
  /** Whole number in [min, max], both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** A matrix of whole numbers in [min, max]. */
  matrix(rows: number, cols: number, min: number, max: number): number[][];
}

/** What the student must give, and the engine's answer. */
export type Answer =
  /** One number; accepted within `tolerance` (default 1e-6 relative, or 0.01 when the value is not whole). */
  | { type: 'number'; value: number; tolerance?: number }
  /** Several numbers in order, e.g. an output volume [32, 32, 10]; typed as "32×32×10", "32x32x10" or "32, 32, 10". */
  | { type: 'numbers'; value: number[]; labels?: string[] }
  | { type: 'yesno'; value: boolean }
  /** A whole matrix, typed cell by cell. */
  | { type: 'matrix'; value: number[][] }
  /** One of several options, by index. */
  | { type: 'choice'; options: string[]; value: number };

export interface Figure {
  label: string;
  values: number[][];
}

export interface Question {
  /** The ExerciseKind id. */
  kind: string;
  /** The question, in plain text (Unicode maths: ×, −, ⌊⌋). */
  prompt: string;
  figures?: Figure[];
  answer: Answer;
  /** The worked solution, one step per entry, ending with the answer. */
  solution: string[];
  /** The generated numbers (sizes, positions…), so tests can recompute the answer independently. */
  data: Record<string, number | number[][]>;
}

export interface ExerciseKind {
  id: string;
  /** Short name, e.g. "Output size". */
  title: string;
  generate(rand: Rand): Promise<Question>;
}

/** Result of checking a student's answer. */
export interface Verdict {
  correct: boolean;
  /** A sentence: what was right or wrong ("Your answer 5 is not right: the output has 3 rows."). */
  message: string;
}
