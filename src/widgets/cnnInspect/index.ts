// The CNN inspection widgets, by the tag names lessons use.
import { ConfusionMatrix } from './ConfusionMatrix';
import { DrawDigit } from './DrawDigit';
import { FeatureMaps } from './FeatureMaps';
import { LearnedFilters } from './LearnedFilters';

export const widgets = { LearnedFilters, FeatureMaps, DrawDigit, ConfusionMatrix };
