// The transpose widgets, by the tag names lessons use.
import { TransposeGradient } from './TransposeGradient';
import { Upsampling } from './Upsampling';

export const widgets = { TransposeGradient, Upsampling };
