/**
 * Loads the trained model files committed under models/ (found by walking up from this file, or
 * `$LOOKOUT_MODELS_DIR`). Each file is read once per process and cached.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeModel, type LinearModel, type LinearModelJson } from './linear/linear-model.ts';

export type ShippedModelName = 'sentiment' | 'complaint' | 'intent';

let modelsDir: string | undefined;
const cache = new Map<string, unknown>();

export const findModelsDir = (): string => {
  if (modelsDir) return modelsDir;
  if (process.env.LOOKOUT_MODELS_DIR) return (modelsDir = process.env.LOOKOUT_MODELS_DIR);
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, 'models');
    if (existsSync(path.join(candidate, 'sentiment.json'))) return (modelsDir = candidate);
    dir = path.dirname(dir);
  }
  return (modelsDir = path.resolve(process.cwd(), 'models'));
};

export const modelPath = (name: string): string => path.join(findModelsDir(), `${name}.json`);

const readJson = <T>(name: string): T => {
  const file = modelPath(name);
  if (!existsSync(file)) throw new Error(`model file ${file} is missing: run npm run train:${name}`);
  return JSON.parse(readFileSync(file, 'utf8')) as T;
};

export const loadShippedModel = (name: ShippedModelName): LinearModel => {
  let m = cache.get(name) as LinearModel | undefined;
  if (!m) {
    m = decodeModel(readJson<LinearModelJson>(name));
    cache.set(name, m);
  }
  return m;
};

export const loadShippedJson = <T>(name: string): T => {
  let m = cache.get(name) as T | undefined;
  if (!m) {
    m = readJson<T>(name);
    cache.set(name, m);
  }
  return m;
};
