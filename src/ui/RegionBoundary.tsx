import { Component, type ErrorInfo, type ReactNode } from 'react';

export interface StoredRunRef {
  id: string;
  name: string;
}

interface Props {
  /** What the region is, for the message: "The experiment panel", "The lottery-ticket chart". */
  region: string;
  testId: string;
  children: ReactNode;
  /** Puts the region's state back to something that renders (defaults, no stored runs on the charts). */
  onReset?: () => void;
  /** The stored run this region was drawing when it failed, if any: it is quarantined and can be removed. */
  storedRun?: () => StoredRunRef | null;
  quarantine?: (run: StoredRunRef, reason: string) => void;
  remove?: (id: string) => Promise<void>;
}

interface State {
  error: Error | null;
  run: StoredRunRef | null;
}

/**
 * One region of the page that fails shows what failed, with "Reset this
 * view" and, when a stored run was on it, "Remove this stored run"; the rest
 * of the page keeps working. Without these, one bad value from a link or
 * from IndexedDB blanked the whole page on every visit.
 */
export class RegionBoundary extends Component<Props, State> {
  override state: State = { error: null, run: null };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`Sparse Lab: ${this.props.region} failed`, error, info.componentStack);
    const run = this.props.storedRun?.() ?? null;
    if (run) {
      // Set aside at once, so a reset (or a reload) does not draw it again.
      this.props.quarantine?.(run, `it failed while drawing ${this.props.region.toLowerCase()}: ${(error as Error)?.message ?? String(error)}`);
      this.setState({ run });
    }
  }

  private reset = () => {
    this.props.onReset?.();
    this.setState({ error: null, run: null });
  };

  private removeRun = async () => {
    if (this.state.run) await this.props.remove?.(this.state.run.id);
    this.reset();
  };

  override render() {
    const { error, run } = this.state;
    if (!error) return this.props.children;
    return (
      <section className="card region-error" role="alert" data-testid={`region-error-${this.props.testId}`}>
        <h2>{this.props.region} could not be shown</h2>
        <p className="field-error">{error.message.slice(0, 500) || error.name}</p>
        {run && <p className="muted">The stored run “{run.name}” was on it and has been set aside as damaged: it will not be drawn again.</p>}
        <div className="region-error-actions">
          <button data-testid="btn-reset-view" onClick={this.reset}>Reset this view</button>
          {run && <button className="danger" data-testid="btn-remove-stored-run" onClick={() => void this.removeRun()}>Remove this stored run</button>}
        </div>
      </section>
    );
  }
}
