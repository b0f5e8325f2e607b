// Every widget a lesson may embed, by the tag name lessons use. Each widget folder has an
// index.ts exporting `widgets = { TagName: Component }`; this registry gathers them at build time.
// Lessons import nothing: the lesson page hands the registry to MDX, and a test checks that every
// tag used in lessons/ is registered here and that no two folders claim the same tag.
import type { ComponentType } from 'react';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Widgets = Record<string, ComponentType<any>>;

const folders = import.meta.glob<Widgets>('./*/index.ts', { eager: true, import: 'widgets' });

export const registryProblems: string[] = [];
export const widgetRegistry: Widgets = {};
for (const [folder, widgets] of Object.entries(folders)) {
  for (const [name, component] of Object.entries(widgets ?? {})) {
    if (widgetRegistry[name]) registryProblems.push(`Widget tag <${name}> is exported by more than one folder (${folder}).`);
    widgetRegistry[name] = component;
  }
}

export const widgetNames = Object.keys(widgetRegistry);
