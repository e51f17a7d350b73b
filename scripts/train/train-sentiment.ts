/**
 * npm run train:sentiment [-- --seed N]
 * Trains the shipped sentiment model on SemEval 2013–2016 (every TweetEval validation tweet removed)
 * and writes models/sentiment.json. Deterministic for a seed.
 */
import { loadSemevalTrain, loadSemevalVal, withoutHeldOut } from '../../src/modules/triage/datasets/shared-data.ts';
import { trainSentimentModel } from '../../src/modules/triage/recipes/sentiment-recipe.ts';
import { seedFromArgs, writeLinearModel } from './write-model.ts';

const seed = seedFromArgs();
const all = loadSemevalTrain();
const train = withoutHeldOut(all, loadSemevalVal());
console.log(`sentiment: ${all.length} unique SemEval tweets, ${train.length} after removing validation tweets`);
const started = performance.now();
const model = trainSentimentModel(train, seed);
console.log(`trained in ${((performance.now() - started) / 1000).toFixed(1)} s`);
writeLinearModel('sentiment', model);
