import { datasets } from '../data/registry';
import { ConfigError } from '../errors';
import { describeIssues } from '../io/runSchema';
import { parseMethodParams } from '../methods/registry';
import { getModelSpec } from '../models/registry';
import { requireEntry } from '../util/ownKeys';
import { RunConfigSchema, type RunConfig } from './config';

/**
 * Validates a config and fills every default, including the method's own
 * parameters, so that two spellings of the same run get the same run id.
 * Every failure is a LabError naming the field: a ConfigError for the schema,
 * an UnknownIdError ("unknown dataset 'constructor' — choose one of …") for ids.
 */
export function normaliseConfig(input: unknown): RunConfig {
  const parsed = RunConfigSchema.safeParse(input);
  if (!parsed.success) throw new ConfigError(describeIssues(parsed.error));
  const config = parsed.data;
  requireEntry(datasets, config.data.dataset, 'dataset');
  getModelSpec(config.model);
  return { ...config, method: { id: config.method.id, params: parseMethodParams(config.method.id, config.method.params) } };
}
