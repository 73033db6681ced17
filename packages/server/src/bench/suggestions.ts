import { buildDemoPlan, type DemoPlan } from '../demo/demo-plan.js';
import { Random } from '../demo/random.js';
import { Classifier, trainClassifier, type LabelledText } from '../suggestions/classifier.js';

/** Generated coded responses for the training-time figure, and suggestions timed on the model trained from them. */
const LARGE = 50_000;
const TIMED_SUGGESTIONS = 2_000;
const HELD_OUT = 0.2;

/** Each demo response that was coded, with the themes it was coded to. */
function codedTexts(plan: DemoPlan): LabelledText[] {
  const labels = new Map<number, Set<string>>();
  for (const coding of plan.codings) {
    const set = labels.get(coding.response) ?? new Set<string>();
    set.add(coding.theme);
    labels.set(coding.response, set);
  }
  return [...labels].map(([response, themes]) => ({ text: plan.responses[response]!.text, labels: [...themes] }));
}

/** Precision and recall of the suggestions shown (up to three) against the codings held out. */
function scoreHeldOut(classifier: Classifier, held: readonly LabelledText[]) {
  let shown = 0;
  let right = 0;
  let coded = 0;
  for (const item of held) {
    const suggested = classifier.suggest(item.text);
    shown += suggested.length;
    coded += item.labels.length;
    right += suggested.filter((s) => item.labels.includes(s.label)).length;
  }
  return { precision: right / Math.max(1, shown), recall: right / Math.max(1, coded), shownPer: shown / held.length };
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = process.hrtime.bigint();
  const result = await work();
  return { result, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

/**
 * `pnpm bench suggestions`: precision@3 and recall@3 of the theme suggestions on a held-out 20 %
 * of the demo codings (the model trained on the other 80 %), then training time for 50,000
 * generated coded responses (demo plans of further seeds) and the time of one suggestion on
 * that model. Targets: precision@3 ≥ 0.6, training ≤ 30 s, a suggestion ≤ 20 ms.
 */
export async function benchSuggestions(): Promise<void> {
  const demo = codedTexts(buildDemoPlan());
  const order = new Random(7);
  const shuffled = [...demo];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = order.int(0, i);
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  const cut = Math.round(shuffled.length * HELD_OUT);
  const held = shuffled.slice(0, cut);
  const { result: demoModel, ms: demoMs } = await timed(() => trainClassifier(shuffled.slice(cut)));
  const quality = scoreHeldOut(new Classifier(demoModel), held);
  console.log(`theme suggestions on the demo codings (${shuffled.length - cut} to train, ${cut} held out):`);
  console.log(`  precision@3: ${quality.precision.toFixed(3)}  (target ≥ 0.6)`);
  console.log(`  recall@3:    ${quality.recall.toFixed(3)}`);
  console.log(`  suggestions shown per response: ${quality.shownPer.toFixed(2)}; trained in ${demoMs.toFixed(0)} ms`);

  const large: LabelledText[] = [];
  for (let seed = 1; large.length < LARGE; seed++) large.push(...codedTexts(buildDemoPlan(seed)));
  large.length = LARGE;
  const { result: model, ms: trainMs } = await timed(() => trainClassifier(large));
  console.log(`training on ${LARGE.toLocaleString('en-GB')} generated coded responses:`);
  console.log(
    `  ${(trainMs / 1000).toFixed(1)} s (target ≤ 30 s), ${model.vocabulary.keys.length} features, ${model.labels.length} themes`,
  );
  const classifier = new Classifier(model);
  const probes = large.slice(0, TIMED_SUGGESTIONS);
  const times: number[] = [];
  for (const probe of probes) {
    const start = process.hrtime.bigint();
    classifier.suggest(probe.text);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  console.log(`one suggestion on that model (${TIMED_SUGGESTIONS} responses; excludes the database read):`);
  console.log(`  median ${at(0.5).toFixed(3)} ms, p99 ${at(0.99).toFixed(3)} ms (target ≤ 20 ms)`);
}
