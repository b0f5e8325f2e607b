// The lessons, found at build time in lessons/*.mdx, with their metadata checked and ordered by
// track (lessons/tracks.json) and then by each lesson's `order`.
import type { ComponentType } from 'react';
import tracksData from '../../lessons/tracks.json';

export interface LessonMeta {
  id: string;
  title: string;
  track: string;
  order: number;
  minutes: number;
  goals: string[];
  summary?: string;
}

export interface Track {
  id: string;
  title: string;
  description: string;
}

export interface Lesson {
  meta: LessonMeta;
  file: string;
  Body: ComponentType<{ components?: Record<string, ComponentType<any>> }>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export const tracks: Track[] = tracksData;

/** Problems with a lesson's metadata, as sentences; empty when it is well formed. */
export function checkMeta(meta: unknown, file: string): string[] {
  const m = meta as Partial<LessonMeta> | undefined;
  const problems: string[] = [];
  if (!m || typeof m !== 'object') return [`${file}: no frontmatter`];
  if (typeof m.id !== 'string' || !/^[a-z0-9-]+$/.test(m.id)) problems.push(`${file}: id must be lowercase words joined by hyphens`);
  if (typeof m.title !== 'string' || !m.title) problems.push(`${file}: title is missing`);
  if (!tracks.some((t) => t.id === m.track)) problems.push(`${file}: track “${String(m.track)}” is not in lessons/tracks.json`);
  if (typeof m.order !== 'number') problems.push(`${file}: order must be a number`);
  if (typeof m.minutes !== 'number' || m.minutes <= 0) problems.push(`${file}: minutes must be a positive number`);
  if (!Array.isArray(m.goals) || !m.goals.length || !m.goals.every((g) => typeof g === 'string')) problems.push(`${file}: goals must be a list of sentences`);
  return problems;
}

const modules = import.meta.glob<{ default: Lesson['Body']; frontmatter: unknown }>('../../lessons/*.mdx', { eager: true });

export const catalogProblems: string[] = [];
export const lessons: Lesson[] = Object.entries(modules)
  .flatMap(([path, mod]) => {
    const file = path.replace('../../', '');
    const problems = checkMeta(mod.frontmatter, file);
    catalogProblems.push(...problems);
    return problems.length ? [] : [{ meta: mod.frontmatter as LessonMeta, file, Body: mod.default }];
  })
  .sort((a, b) => tracks.findIndex((t) => t.id === a.meta.track) - tracks.findIndex((t) => t.id === b.meta.track) || a.meta.order - b.meta.order);

export function findLesson(id: string): { lesson: Lesson; previous?: Lesson; next?: Lesson } | null {
  const i = lessons.findIndex((l) => l.meta.id === id);
  if (i < 0) return null;
  return { lesson: lessons[i], previous: lessons[i - 1], next: lessons[i + 1] };
}
