/** Writes a trained model to models/<name>.json and says how big it is. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { encodeModel, type LinearModel } from '../../src/modules/triage/linear/linear-model.ts';

export const modelsDir = path.resolve(import.meta.dirname, '../../models');

export const writeJsonModel = (name: string, json: unknown): string => {
  mkdirSync(modelsDir, { recursive: true });
  const file = path.join(modelsDir, `${name}.json`);
  const text = `${JSON.stringify(json)}\n`;
  writeFileSync(file, text);
  console.log(`wrote ${path.relative(process.cwd(), file)} (${(text.length / 1024 / 1024).toFixed(2)} MB)`);
  return file;
};

export const writeLinearModel = (name: string, model: LinearModel): string => writeJsonModel(name, encodeModel(model));

export const seedFromArgs = (): number => {
  const i = process.argv.indexOf('--seed');
  const seed = i >= 0 ? Number(process.argv[i + 1]) : 1;
  if (!Number.isInteger(seed)) throw new Error('--seed takes an integer');
  return seed;
};
