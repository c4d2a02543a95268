import { memo } from 'react';
import { findDataset, DataSchema, TrainingSchema, findMethod, methods, ownEntry, countPrunable, getModelSpec, models } from '../../engine/spec';
import { pageStore } from '../../store';
import { useDraft, usePageState, usePreset, useRunStatus, useValidation } from '../../store/hooks';
import { isBusy } from '../../store/state/runSlice';
import { CifarDataBox } from '../data/CifarDataBox';
import { fieldHelp } from '../teaching/text';
import { ComparisonBox } from './ComparisonBox';
import { Field } from './Field';
import { NumberInput } from './inputs';
import { MethodCard } from './MethodCard';
import { PresetPicker } from './PresetPicker';
import { hiddenMethodFields, hiddenTrainingFields } from './fieldRules';
import { jsonSchemaOf } from './jsonSchema';
import { SchemaFields } from './SchemaFields';

/** Whether the model has convolutions (then IMP's conv rate applies). */
function hasConv(modelId: string, inputShape?: [number, number, number]): boolean {
  try {
    return getModelSpec(modelId, inputShape).params.some((p) => p.role === 'conv');
  } catch {
    return false;
  }
}

/** Datasets the page offers; one without files on the server is listed but disabled. */
const DATASET_CHOICES = [
  { id: 'mnist', label: 'MNIST (handwritten digits)' },
  { id: 'cifar10', label: 'CIFAR-10 (small photos)' },
];

const CONTROL_CHOICES = [
  { id: 'reinit', label: 'Same mask, random re-initialisation' },
  { id: 'random-mask', label: 'Random mask, same layer sizes' },
];

const set = (path: string[], v: unknown) => pageStore.getState().setDraft(path, v);

/**
 * Everything that defines a run: preset, data, model, method and its
 * parameters, training, seed. Locked (one fieldset) while a run trains; the
 * form itself does not re-render when a run starts or ends.
 */
export function ExperimentPanel() {
  const busy = isBusy(useRunStatus());
  return (
    <fieldset className="panel" disabled={busy} data-testid="experiment-panel">
      <PresetPicker />
      <ConfigForm />
    </fieldset>
  );
}

const ConfigForm = memo(function ConfigForm() {
  const draft = useDraft();
  const { compare } = usePreset();
  const { errors } = useValidation();
  const datasetFiles = usePageState((s) => s.datasetFiles);
  const usable = (id: string) => Boolean(findDataset(id)) && ownEntry(datasetFiles ?? {}, id) !== false;
  const datasetId = draft.data?.dataset ?? 'mnist';
  const modelId = draft.model ?? 'lenet300';
  const methodId = draft.method?.id ?? 'imp';
  const method = findMethod(methodId);
  const inputShape = findDataset(datasetId)?.meta.inputShape;
  const params = method?.schema.safeParse(draft.method?.params ?? {});
  const multiRound = Boolean(method && params?.success && method.rounds(params.data) > 1);
  const controls = draft.controls ?? [];

  return (
    <>
      {compare && <ComparisonBox spec={compare} error={errors.compare} />}

      <h3>Data and model</h3>
      <Field id="data.dataset" label="Dataset" error={errors['data.dataset']}>
        <select id="data.dataset" value={datasetId} onChange={(e) => set(['data', 'dataset'], e.target.value)}>
          {DATASET_CHOICES.map((d) => (
            <option key={d.id} value={d.id} disabled={!usable(d.id)}>{d.label}{usable(d.id) ? '' : ' — import it first'}</option>
          ))}
        </select>
      </Field>
      <CifarDataBox datasetId={datasetId} />
      <Field id="model" label="Model" error={errors.model}>
        <select id="model" value={modelId} onChange={(e) => set(['model'], e.target.value)}>
          {Object.entries(models).map(([id, m]) => (
            <option key={id} value={id}>{m.label} · {countPrunable(getModelSpec(id, inputShape)).toLocaleString()} weights</option>
          ))}
        </select>
      </Field>

      <h3>Sparsity method</h3>
      <Field id="method.id" label="Method" error={errors['method.id']}>
        <select id="method.id" data-testid="method-select" value={methodId} onChange={(e) => set(['method'], { id: e.target.value, params: {} })}>
          {!method && <option value={methodId}>{methodId} (not available)</option>}
          {Object.values(methods).map((m) => <option key={m.id} value={m.id}>{m.label}</option>)}
        </select>
      </Field>
      <MethodCard methodId={methodId} />
      {method && (
        <SchemaFields
          schema={jsonSchemaOf(method.schema)} value={draft.method?.params as Record<string, unknown> | undefined}
          path={['method', 'params']} errors={errors} onChange={set} methodId={methodId}
          hidden={hiddenMethodFields({ methodId, params: (draft.method?.params ?? {}) as Record<string, unknown>, conv: hasConv(modelId, inputShape) })}
        />
      )}
      {multiRound && (
        <Field id="controls" label="Lottery-ticket controls" help={fieldHelp('controls')} error={errors.controls}>
          <div className="checks">
            {CONTROL_CHOICES.map((c) => (
              <label key={c.id}>
                <input
                  type="checkbox" checked={controls.includes(c.id as never)}
                  onChange={(e) => set(['controls'], e.target.checked ? [...controls, c.id] : controls.filter((x) => x !== c.id))}
                />
                {c.label}
              </label>
            ))}
          </div>
        </Field>
      )}

      <h3>Training</h3>
      <SchemaFields schema={jsonSchemaOf(TrainingSchema)} value={draft.training as Record<string, unknown> | undefined} path={['training']} errors={errors} onChange={set} omit={['lrSchedule']}
        hidden={hiddenTrainingFields(draft.training as Record<string, unknown> | undefined)} />
      <SchemaFields schema={jsonSchemaOf(DataSchema)} value={draft.data as Record<string, unknown> | undefined} path={['data']} errors={errors} onChange={set} only={['trainSubset', 'valSize', 'testSubset']} />
      <Field id="seed" label="Seed" help={fieldHelp('seed')} error={errors.seed}>
        <NumberInput id="seed" value={draft.seed} integer placeholder="0" onChange={(v) => set(['seed'], v)} />
      </Field>
      {errors[''] && <div className="field-error" role="alert">{errors['']}</div>}
    </>
  );
});
