// Every exercise kind, gathered from src/exercises/kinds/*.ts (each exports `kinds`).
import type { ExerciseKind } from './types';

const files = import.meta.glob<ExerciseKind[]>('./kinds/*.ts', { eager: true, import: 'kinds' });

export const exerciseProblems: string[] = [];
export const exerciseKinds: Record<string, ExerciseKind> = {};
for (const [file, kinds] of Object.entries(files)) {
  for (const kind of kinds ?? []) {
    if (exerciseKinds[kind.id]) exerciseProblems.push(`Exercise kind “${kind.id}” is defined twice (again in ${file}).`);
    exerciseKinds[kind.id] = kind;
  }
}
