// Lessons are content: every file in lessons/ parses as MDX, has well-formed metadata and a unique
// id, uses only registered widget tags, and imports nothing.
import { readdirSync, readFileSync } from 'node:fs';
import { compile } from '@mdx-js/mdx';
import remarkFrontmatter from 'remark-frontmatter';
import remarkMath from 'remark-math';
import remarkGfm from 'remark-gfm';
import { describe, expect, it } from 'vitest';
import { catalogProblems, checkMeta, lessons } from '../../../src/app/lessonCatalog';
import { registryProblems, widgetNames } from '../../../src/widgets/registry';

const files = readdirSync('lessons').filter((f) => f.endsWith('.mdx'));

/** Compiles a lesson and returns the JSX tag names and ESM statements it contains. */
async function inspect(source: string): Promise<{ tags: Set<string>; esm: number }> {
  const tags = new Set<string>();
  let esm = 0;
  const collect = () => (tree: unknown) => {
    const walk = (node: { type: string; name?: string | null; children?: unknown[] }) => {
      if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name) tags.add(node.name);
      if (node.type === 'mdxjsEsm') esm++;
      node.children?.forEach((c) => walk(c as typeof node));
    };
    walk(tree as Parameters<typeof walk>[0]);
  };
  await compile(source, { remarkPlugins: [remarkFrontmatter, remarkMath, remarkGfm, collect] });
  return { tags, esm };
}

describe('lessons', () => {
  it('there is at least one lesson, and every file is in the catalog with valid metadata', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(catalogProblems).toEqual([]);
    expect(lessons.map((l) => l.file).sort()).toEqual(files.map((f) => `lessons/${f}`).sort());
  });
  it('ids are unique', () => {
    const ids = lessons.map((l) => l.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
  it('no widget tag is claimed twice', () => {
    expect(registryProblems).toEqual([]);
  });
  for (const file of files) {
    it(`${file} parses, imports nothing and uses only registered widgets`, async () => {
      const { tags, esm } = await inspect(readFileSync(`lessons/${file}`, 'utf8'));
      expect(esm).toBe(0);
      const unknown = [...tags].filter((t) => /^[A-Z]/.test(t) && !widgetNames.includes(t));
      expect(unknown).toEqual([]);
    });
  }
  it('the metadata check catches broken frontmatter', () => {
    expect(checkMeta({ id: 'Bad Id', title: '', track: 'nowhere', order: 'x', minutes: 0, goals: [] }, 'x.mdx')).toHaveLength(6);
    expect(checkMeta(undefined, 'x.mdx')).toEqual(['x.mdx: no frontmatter']);
  });
});
