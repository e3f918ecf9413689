/**
 * Thresholds of `relecteur check`: defaults, overridden by `relecteur.config.json`
 * (or the `relecteur` key of package.json) in the working directory, or by `--config`.
 * Validated with ajv; a bad value is reported with its path and exits 2.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';

export interface CheckThresholds {
  /** share of markers not linked to a footnote, percent */
  unlinkedMarkersPercent: number;
  /** marker numbers with no footnote text, percent of markers */
  missingFootnotesPercent: number;
  /** footnotes no marker points to, percent of footnotes */
  orphanFootnotesPercent: number;
  /** numbers skipped or repeated in the footnote numbering, percent of the numbering's range */
  numberingAnomaliesPercent: number;
  /** URLs that could not be repaired, percent of URLs */
  urlsUnrecoverablePercent: number;
  /** body paragraphs of at least `languageMinLength` characters not in French (franc), percent */
  notFrenchPercent: number;
  /** leftover noise in the body: hyphen fragments, glued marker digits, furniture-like lines (count) */
  leftoverNoise: number;
  /** decisions the pipeline flagged as uncertain, percent of changes */
  uncertainPercent: number;
  /** shortest paragraph given to franc */
  languageMinLength: number;
  /** how many worst places to list per figure */
  worstCases: number;
}

export const DEFAULT_THRESHOLDS: CheckThresholds = {
  unlinkedMarkersPercent: 1,
  missingFootnotesPercent: 2,
  orphanFootnotesPercent: 2,
  numberingAnomaliesPercent: 10,
  urlsUnrecoverablePercent: 10,
  notFrenchPercent: 5,
  leftoverNoise: 0,
  uncertainPercent: 5,
  languageMinLength: 200,
  worstCases: 5,
};

const SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(
    Object.keys(DEFAULT_THRESHOLDS).map((k) => [k, k === 'languageMinLength' || k === 'worstCases' || k === 'leftoverNoise' ? { type: 'integer', minimum: 0 } : { type: 'number', minimum: 0, maximum: 100 }]),
  ),
} as const;

export class ConfigError extends Error {}

/** The thresholds in force, and where they came from. */
export function loadThresholds(cwd: string, explicit?: string): { thresholds: CheckThresholds; from: string } {
  let raw: unknown;
  let from = 'defaults';
  if (explicit) {
    raw = readJson(explicit);
    from = explicit;
  } else if (existsSync(join(cwd, 'relecteur.config.json'))) {
    raw = readJson(join(cwd, 'relecteur.config.json'));
    from = 'relecteur.config.json';
  } else if (existsSync(join(cwd, 'package.json'))) {
    const pkg = readJson(join(cwd, 'package.json')) as { relecteur?: unknown };
    if (pkg && typeof pkg === 'object' && 'relecteur' in pkg) {
      raw = pkg.relecteur;
      from = 'package.json "relecteur"';
    }
  }
  if (raw === undefined) return { thresholds: { ...DEFAULT_THRESHOLDS }, from };
  const validate = new Ajv({ allErrors: true }).compile(SCHEMA);
  if (!validate(raw)) {
    const e = validate.errors![0]!;
    const where = e.instancePath ? e.instancePath.slice(1) : e.params && 'additionalProperty' in e.params ? String(e.params.additionalProperty) : '';
    throw new ConfigError(`${from}: ${where ? `${where}: ` : ''}${e.message}${e.keyword === 'additionalProperties' ? ` (known: ${Object.keys(DEFAULT_THRESHOLDS).join(', ')})` : ''}`);
  }
  return { thresholds: { ...DEFAULT_THRESHOLDS, ...(raw as Partial<CheckThresholds>) }, from };
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ConfigError(`${path}: ${(e as Error).message}`);
  }
}

/**
 * The thresholds for a command run from `cwd`, or null after printing the one-line error of
 * a broken config file (the caller then exits 2). Shared by `check` and `report`.
 */
export function thresholdsOrReport(cwd: string, explicit?: string): ReturnType<typeof loadThresholds> | null {
  try {
    return loadThresholds(cwd, explicit);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`relecteur: ${e.message}\n`);
      return null;
    }
    throw e;
  }
}
