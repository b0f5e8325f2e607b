// The padding widgets, by the tag names lessons use.
import { ShrinkingVolumes } from './ShrinkingVolumes';

export const widgets = { ShrinkingVolumes };
