// The 1×1-convolution and fully-connected-as-convolution widgets, by the tag names lessons use.
import { FullyConnectedAsConv } from './FullyConnectedAsConv';
import { OneByOne } from './OneByOne';

export const widgets = { OneByOne, FullyConnectedAsConv };
