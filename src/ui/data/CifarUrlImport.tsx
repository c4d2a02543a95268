import { useState, type FormEvent } from 'react';
import { datasetController } from '../../store';

/** This site's own prepared folder: where `npm run data:cifar10` puts the files on a deployment. */
const ownFolder = () => new URL(`${import.meta.env.BASE_URL}data/cifar10/`, document.baseURI).href;

/** Import from a URL: the archive on a server that allows it, or a folder of prepared files. */
export function CifarUrlImport({ disabled }: { disabled: boolean }) {
  const [url, setUrl] = useState(ownFolder);
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    let abs: string;
    try {
      abs = new URL(url.trim(), document.baseURI).href;
    } catch {
      setError(`"${url}" is not a URL.`);
      return;
    }
    setError(null);
    datasetController.importUrl(abs);
  };
  return (
    <details>
      <summary>Import from a URL</summary>
      <p className="muted">
        The URL of cifar-10-binary.tar.gz, or of a folder holding the six prepared .bin.gz files (what npm run data:cifar10
        writes; this site's own folder is filled in). The server must allow this page to download from it.
      </p>
      <form className="data-url" onSubmit={submit}>
        <input type="text" inputMode="url" aria-label="CIFAR-10 URL" data-testid="cifar-url" value={url} onChange={(e) => setUrl(e.target.value)} disabled={disabled} />
        <button type="submit" className="data-button" disabled={disabled}>Fetch</button>
      </form>
      {error && <div className="field-error" role="alert">{error}</div>}
    </details>
  );
}
