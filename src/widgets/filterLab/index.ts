// The filter lab widget, by the tag name lessons use.
import { FilterLab } from './FilterLab';

export const widgets = { FilterLab };
