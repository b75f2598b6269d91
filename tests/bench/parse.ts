// `pnpm bench:parse`: how well the free-text offer parser reads the corpus, field by field —
// precision, recall and accuracy per field and overall, on the tuned set (the messages the rules
// were developed against) and on the held-out set (written first and never tuned on) — plus the
// parse time per message. Prints the tables and writes results/parse.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseTradeMessage } from '@tradeloom/shared';
import { TUNED_CORPUS } from '../tradedesk/parse-corpus.ts';
import type { CorpusCase } from '../tradedesk/parse-corpus-types.ts';
import { CORPUS_TODAY } from '../tradedesk/parse-corpus-types.ts';
import { HELD_OUT_CORPUS } from '../tradedesk/parse-held-out.ts';
import { type FieldScore, type SlotResult, scoreByField, scoreMessage } from '../tradedesk/parse-scoring.ts';
import { PLATFORM_VOCABULARY } from '../tradedesk/parse-vocabulary.ts';

const pct = (value: number) => `${(value * 100).toFixed(1)} %`;

function run(corpus: CorpusCase[]) {
  const slots: SlotResult[] = [];
  const misses: string[] = [];
  let messagesAllRight = 0;
  for (const { text, expect } of corpus) {
    const result = parseTradeMessage(text, PLATFORM_VOCABULARY, { today: CORPUS_TODAY });
    const scored = scoreMessage(expect, result);
    slots.push(...scored);
    const wrong = scored.filter((slot) => slot.outcome === 'missed' || slot.outcome === 'wrong' || slot.outcome === 'invented');
    if (wrong.length === 0) messagesAllRight++;
    for (const slot of wrong) {
      misses.push(
        `| ${text.replaceAll('\n', ' ⏎ ').replaceAll('|', '\\|')} | ${slot.field} | ${slot.expected ?? '—'} | ${slot.actual ?? '—'} | ${slot.outcome} |`,
      );
    }
  }
  // Timing: every message parsed 200 times after a warm-up.
  const rounds = 200;
  for (const { text } of corpus) parseTradeMessage(text, PLATFORM_VOCABULARY, { today: CORPUS_TODAY });
  const started = process.hrtime.bigint();
  for (let round = 0; round < rounds; round++) {
    for (const { text } of corpus) parseTradeMessage(text, PLATFORM_VOCABULARY, { today: CORPUS_TODAY });
  }
  const microsPerMessage = Number(process.hrtime.bigint() - started) / 1000 / (rounds * corpus.length);
  return { scores: scoreByField(slots), misses, messagesAllRight, microsPerMessage };
}

function table(scores: FieldScore[]): string {
  const rows = scores.map(
    (score) =>
      `| ${score.field} | ${score.slots} | ${score.right} | ${pct(score.precision)} | ${pct(score.recall)} | ${pct(score.accuracy)} |`,
  );
  return ['| field | slots | right | precision | recall | accuracy |', '| --- | ---: | ---: | ---: | ---: | ---: |', ...rows].join('\n');
}

const sets = [
  { name: 'Tuned set', note: 'the messages the rules were developed against', corpus: TUNED_CORPUS },
  { name: 'Held-out set', note: 'written and committed before any rule, never tuned on', corpus: HELD_OUT_CORPUS },
];
const lines = [
  '# Free-text offer parser',
  '',
  `\`pnpm bench:parse\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${os.cpus().length} cores. ` +
    'Each message has one slot per offer field and per HVI parameter (quality.*). Precision: of the values the parser gave, the share ' +
    'that were right; recall: of the values the message holds, the share the parser gave right; accuracy: slots right, rightly empty ones included.',
];
for (const set of sets) {
  const { scores, misses, messagesAllRight, microsPerMessage } = run(set.corpus);
  const overall = scores.at(-1) as FieldScore;
  const summary =
    `${set.corpus.length} messages, ${messagesAllRight} read entirely right; overall precision ${pct(overall.precision)}, ` +
    `recall ${pct(overall.recall)}, accuracy ${pct(overall.accuracy)}; ${microsPerMessage.toFixed(0)} µs per message.`;
  console.log(`\n${set.name} (${set.note}): ${summary}\n${table(scores)}`);
  lines.push('', `## ${set.name}`, '', `${set.note[0]?.toUpperCase()}${set.note.slice(1)}: ${summary}`, '', table(scores));
  if (misses.length > 0) {
    lines.push(
      '',
      'What it got wrong:',
      '',
      '| message | field | expected | parsed | outcome |',
      '| --- | --- | --- | --- | --- |',
      ...misses,
    );
    console.log(`${misses.length} wrong slots (see the results file)`);
  }
}
const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(resultsDir, { recursive: true });
writeFileSync(`${resultsDir}parse.md`, `${lines.join('\n')}\n`);
console.log(`\nwritten to tests/bench/results/parse.md`);
