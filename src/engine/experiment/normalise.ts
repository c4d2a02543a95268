import { parseMethodParams } from '../methods/registry';
import { getModel } from '../models/registry';
import { parseRunConfig, type RunConfig } from './config';

/**
 * Validates a config and fills every default, including the method's own
 * parameters, so that two spellings of the same run get the same run id.
 */
export function normaliseConfig(input: unknown): RunConfig {
  const config = parseRunConfig(input);
  getModel(config.model); // throws a clear error for an unknown model
  return { ...config, method: { id: config.method.id, params: parseMethodParams(config.method.id, config.method.params) } };
}
