/**
 * npm run train:complaint [-- --seed N]
 * Trains the shipped complaint model on the whole complaint corpus (the eval measures it by 10-fold
 * cross-validation with the same recipe) and writes models/complaint.json. Needs models/sentiment.json.
 */
import { loadComplaints } from '../../src/modules/triage/datasets/shared-data.ts';
import { trainComplaintModel } from '../../src/modules/triage/recipes/complaint-recipe.ts';
import { loadShippedModel } from '../../src/modules/triage/shipped-models.ts';
import { seedFromArgs, writeLinearModel } from './write-model.ts';

const seed = seedFromArgs();
const data = loadComplaints();
console.log(`complaint: ${data.length} tweets, ${data.filter((d) => d.label === 'complaint').length} complaints`);
const model = trainComplaintModel(data, loadShippedModel('sentiment'), { seed });
writeLinearModel('complaint', model);
