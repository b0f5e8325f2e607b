// Type of a compiled lesson: its MDX body and the frontmatter exported by remark-mdx-frontmatter.
declare module '*.mdx' {
  import type { ComponentType } from 'react';
  export const frontmatter: unknown;
  const Lesson: ComponentType<{ components?: Record<string, ComponentType<any>> }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  export default Lesson;
}
