// The im2col widgets, by the tag names lessons use.
import { Im2col } from './Im2col';
import { Im2colFilters } from './Im2colFilters';

export const widgets = { Im2col, Im2colFilters };
