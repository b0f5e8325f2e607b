// The channels-and-filters widgets, by the tag names lessons use.
import { ChannelFilter } from './ChannelFilter';
import { LayerCalculator } from './LayerCalculator';

export const widgets = { ChannelFilter, LayerCalculator };
