interface Props {
  label: string;
  value: number;
  max: number;
  detail: string;
  eta: string;
  testId: string;
  active?: boolean;
}

export function ProgressBar({ label, value, max, detail, eta, testId, active = true }: Props) {
  const pct = max > 0 ? Math.min(100, (100 * value) / max) : 0;
  return (
    <div className={`progress${active ? '' : ' idle'}`} data-testid={testId} data-value={value} data-max={max}>
      <div className="progress-head" title={`${label}: ${detail}${eta ? ` · ${eta} left` : ''}`}>
        <span className="progress-label">{label}</span>
        <span className="progress-detail">{detail}</span>
        <span className="progress-eta">{eta}</span>
      </div>
      <div className="progress-track" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={max} aria-valuenow={value}>
        {/* A transform, not a width: the bar moves several times a second, and a width change would lay the run bar out again. */}
        <div className="progress-fill" style={{ transform: `scaleX(${pct / 100})` }} />
      </div>
    </div>
  );
}
