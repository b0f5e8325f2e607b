// Softmax and cross-entropy of a few class scores, on tfjs, for the lessons' worked examples and
// exercises (the trainer applies the same tf.softmax to the network's ten scores).
import * as tf from '@tensorflow/tfjs';

/** Probabilities from scores (logits): e^{s_i} / Σ_j e^{s_j}; and the loss −ln p[label] if a label is given. */
export async function softmaxOf(scores: number[], label?: number): Promise<{ probabilities: number[]; loss?: number }> {
  if (!scores.length || scores.some((s) => !Number.isFinite(s))) throw new RangeError('softmax needs at least one score, and every score must be a number');
  if (label !== undefined && !(Number.isInteger(label) && label >= 0 && label < scores.length)) {
    throw new RangeError(`the label must be a class from 0 to ${scores.length - 1}, not ${label}`);
  }
  const p = tf.tidy(() => tf.softmax(tf.tensor1d(scores)));
  const probabilities = Array.from(await p.data());
  p.dispose();
  if (label === undefined) return { probabilities };
  const l = tf.tidy(() => tf.neg(tf.log(tf.softmax(tf.tensor1d(scores)).gather([label]))));
  const [loss] = await l.data();
  l.dispose();
  return { probabilities, loss };
}
