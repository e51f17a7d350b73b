import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../../contracts/drills.ts';
import { AppError } from '../../platform/errors/index.ts';
import { parseScenario, ScenarioError } from './parse-scenario.ts';

/**
 * The scenario files shipped in drills/ (found by walking up from this file, so it works from
 * src/ and from dist/; LOOKOUT_DRILLS_DIR overrides). Keyed by file name without extension.
 */
export interface ShippedScenario {
  key: string;
  scenario: Scenario;
}

const SCENARIO_FILE = /\.(ya?ml|json)$/i;

export const drillsDir = (): string => {
  if (process.env.LOOKOUT_DRILLS_DIR) return process.env.LOOKOUT_DRILLS_DIR;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'drills');
    if (existsSync(path.join(candidate, 'README.md'))) return candidate;
    dir = path.dirname(dir);
  }
  return path.resolve(process.cwd(), 'drills');
};

export const listShippedScenarios = (dir = drillsDir()): ShippedScenario[] => {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => SCENARIO_FILE.test(f))
    .sort()
    .map((f) => ({ key: f.replace(SCENARIO_FILE, ''), scenario: parseScenario(readFileSync(path.join(dir, f), 'utf8'), f) }));
};

export const findShippedScenario = (key: string, dir = drillsDir()): ShippedScenario => {
  const found = listShippedScenarios(dir).find((s) => s.key === key);
  if (!found) throw new AppError('NOT_FOUND', `No drill scenario "${key}"`);
  return found;
};

/** An uploaded file: a malformed one is refused with its line and reason as a field problem. */
export const parseUploadedScenario = (text: string, fileName = 'upload.yaml'): Scenario => {
  try {
    return parseScenario(text, fileName);
  } catch (e) {
    if (e instanceof ScenarioError) {
      throw new AppError('VALIDATION_FAILED', `The scenario file is malformed: line ${e.line}, column ${e.column}: ${e.reason}`, [
        { path: `/body/file`, message: `line ${e.line}, column ${e.column}: ${e.reason}${e.path ? ` (at ${e.path})` : ''}` },
      ]);
    }
    throw e;
  }
};
