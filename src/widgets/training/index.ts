// The CNN trainer, by the tag name lessons use.
import { TrainerPanel } from './TrainerPanel';

export const widgets = { TrainerPanel };
