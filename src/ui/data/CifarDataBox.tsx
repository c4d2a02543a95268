import { useState, type DragEvent } from 'react';
import { datasetController } from '../../store';
import { cifarUsable } from '../../store/state/cifarImportState';
import { useCifarData, useRunStatus } from '../../store/hooks';
import { isBusy } from '../../store/state/runSlice';
import { CifarImportProgress } from './CifarImportProgress';
import { CifarUrlImport } from './CifarUrlImport';
import { errorText, HOW_TO_GET, statusText } from './cifarText';
import './data.css';

/**
 * CIFAR-10 in the experiment panel: where it comes from now, the import
 * (file picker, drop, URL) with its progress, the engine's message when a
 * file is wrong, and "forget". When the draft needs CIFAR-10 and it is
 * missing, it says so first. Every text is rendered as text, never as HTML.
 */
export function CifarDataBox({ datasetId }: { datasetId: string }) {
  const cifar = useCifarData();
  const busy = isBusy(useRunStatus());
  const [dragging, setDragging] = useState(false);
  const importing = cifar.job !== null;
  const needed = datasetId === 'cifar10' && cifar.availability === 'missing';
  const locked = busy || importing;

  const take = (files: FileList | null | undefined) => {
    if (files && files.length > 0 && !locked) datasetController.importFiles(Array.from(files));
  };
  const drag = (e: DragEvent, on: boolean) => {
    if (!e.dataTransfer.types.includes('Files')) return;
    e.preventDefault();
    setDragging(on && !locked);
  };

  return (
    <section
      className={`data-box${needed ? ' needed' : ''}${dragging ? ' dragging' : ''}`} aria-label="CIFAR-10 data"
      data-testid="cifar-data" data-availability={cifar.availability} data-usable={cifarUsable(cifar)}
      onDragOver={(e) => drag(e, true)} onDragLeave={(e) => drag(e, false)}
      onDrop={(e) => {
        drag(e, false);
        take(e.dataTransfer.files);
      }}
    >
      {needed
        ? <p className="data-status" data-testid="cifar-needed">Import CIFAR-10 first: this experiment trains on it, and it is not in this browser yet.</p>
        : <p className="data-status" data-testid="cifar-status">{statusText(cifar)}</p>}
      {cifar.availability === 'missing' && !importing && <p className="muted">{HOW_TO_GET}</p>}
      <div className="data-actions">
        <label className={`data-button${cifar.availability === 'missing' ? ' primary' : ''}`}>
          {cifar.stored ? 'Import again…' : 'Import CIFAR-10…'}
          <input
            type="file" className="visually-hidden" data-testid="cifar-file-input" multiple disabled={locked}
            accept=".gz,.tgz,.tar,.bin,application/gzip,application/x-gzip,application/x-tar"
            onChange={(e) => {
              take(e.target.files);
              e.target.value = ''; // so choosing the same file again imports again
            }}
          />
        </label>
        {importing && <button type="button" className="data-button" onClick={datasetController.cancel}>Cancel import</button>}
        {cifar.stored && !importing && (
          <button type="button" className="data-button" data-testid="cifar-forget" disabled={busy} onClick={() => void datasetController.forget()}>
            Forget imported CIFAR-10
          </button>
        )}
      </div>
      <CifarImportProgress state={cifar} />
      {cifar.job?.confirm && (
        <div className="data-warning" role="alertdialog" aria-label="Replace the stored CIFAR-10?" data-testid="cifar-confirm">
          <p>{cifar.job.confirm}</p>
          <div className="data-actions">
            <button type="button" className="data-button" data-testid="cifar-keep" onClick={() => datasetController.answer(false)}>Keep the stored import</button>
            <button type="button" className="data-button" data-testid="cifar-replace" onClick={() => datasetController.answer(true)}>Replace it</button>
          </div>
        </div>
      )}
      {cifar.notice && <p className="muted" data-testid="cifar-import-notice">{cifar.notice}</p>}
      {cifar.error && <ImportError error={cifar.error} />}
      {cifar.stored?.warning && <p className="data-warning" data-testid="cifar-import-warning">{cifar.stored.warning}</p>}
      <CifarUrlImport disabled={locked} />
    </section>
  );
}

function ImportError({ error }: { error: NonNullable<ReturnType<typeof useCifarData>['error']> }) {
  const { title, detail } = errorText(error);
  return (
    <div className="data-error" role="alert" data-testid="cifar-import-error" data-file={error.file ?? ''}>
      <strong>{title}.</strong> {detail}
    </div>
  );
}
