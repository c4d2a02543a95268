import { datasetIds, findDataset, RunConfigSchema, jobSize, memoryRefusal, findMethod, methodIds, findModel, modelIds, ownEntry, unknownIdMessage, type RunConfig, type RunConfigInput, type BackendKind, type ComparePresetSpec } from '../../engine/spec';
import { comparisonQueue } from './comparison';

/** Messages keyed by the dotted path of the field they belong to ("training.lr", "method.params.rates.fc"). */
export type FieldErrors = Record<string, string>;

export type Validation = { ok: true; config: RunConfig; errors: FieldErrors } | { ok: false; errors: FieldErrors };

/** The part of a draft that the registries decide on. */
interface DraftShape {
  model?: unknown;
  data?: { dataset?: unknown };
  method?: { id?: unknown; params?: unknown };
  training?: { iterations?: unknown };
}

/**
 * Checks a draft the way the engine will, but collects every problem by field
 * so the panel can show each one inline: the zod schema, then the registries
 * (a method another build has, a dataset not imported yet), then the chosen
 * method's own parameter schema, and a comparison preset's plan.
 */
export interface ValidationContext {
  /** A comparison preset's grid, checked against the engine's planner. */
  compare?: ComparePresetSpec | null;
  /** Datasets whose files are present; one marked false cannot be chosen. */
  datasetFiles?: Record<string, boolean> | null;
  /** The backend the run would train on: a run that cannot fit its memory is refused, with the number. */
  backendKind?: BackendKind;
}

export function validateDraft(draft: unknown, ctx: ValidationContext = {}): Validation {
  const errors: FieldErrors = {};
  const add = (path: string, message: string) => {
    if (!(path in errors)) errors[path] = message;
  };
  const parsed = RunConfigSchema.safeParse(draft);
  if (!parsed.success) for (const i of parsed.error.issues) add(i.path.join('.'), i.message);

  const d = (draft ?? {}) as DraftShape;
  // Own entries only: 'constructor' or 'toString' from a link is an unknown id, not Object's.
  const datasetId = d.data?.dataset ?? 'mnist';
  const dataset = findDataset(datasetId);
  if (!dataset) add('data.dataset', unknownIdMessage('dataset', datasetId, datasetIds()));
  else if (ctx.datasetFiles && ownEntry(ctx.datasetFiles, datasetId) === false) add('data.dataset', `${dataset.meta.name} has not been imported yet: its data files are missing.`);
  const modelId = d.model ?? 'lenet300';
  if (!findModel(modelId)) add('model', unknownIdMessage('model', modelId, modelIds));

  const methodId = d.method?.id ?? 'imp';
  const method = findMethod(methodId);
  let methodParams: Record<string, unknown> | undefined;
  if (!method) {
    add('method.id', `${unknownIdMessage('method', methodId, methodIds())} (this build may not have it yet)`);
  } else {
    const p = method.schema.safeParse(d.method?.params ?? {});
    if (!p.success) for (const i of p.error.issues) add(['method', 'params', ...i.path.map(String)].join('.'), i.message);
    else {
      methodParams = p.data as Record<string, unknown>;
      const k = method.rewindStep?.(p.data) ?? 0;
      const iterations = parsed.success ? parsed.data.training.iterations : Number(d.training?.iterations);
      if (k > 0 && Number.isFinite(iterations) && k >= iterations) {
        add('method.params.rewindStep', `Rewind step must be below the ${iterations} training iterations.`);
      }
    }
  }
  if (ctx.compare && parsed.success) {
    try {
      comparisonQueue(draft as RunConfigInput, ctx.compare);
    } catch (e) {
      add('compare', (e as Error).message);
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success || !methodParams) return { ok: false, errors };
  // What normaliseConfig would return, from the parses above: the draft is parsed once here.
  const config: RunConfig = { ...parsed.data, method: { id: parsed.data.method.id, params: methodParams } };
  const size = ctx.backendKind ? jobSize(config) : null;
  const refusal = size && ctx.backendKind && memoryRefusal(size, ctx.backendKind, findModel(config.model)?.label ?? config.model, config.training.batchSize);
  if (refusal) return { ok: false, errors: { 'training.batchSize': refusal } };
  return { ok: true, config, errors };
}
