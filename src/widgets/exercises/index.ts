// The exercises widget, by the tag name lessons use.
import { Exercises } from './Exercises';

export const widgets = { Exercises };
