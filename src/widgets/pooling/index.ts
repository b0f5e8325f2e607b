// The pooling widgets, by the tag names lessons use.
import { Pooling } from './Pooling';
import { PoolingShift } from './PoolingShift';

export const widgets = { Pooling, PoolingShift };
