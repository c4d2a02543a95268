import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { RegionBoundary } from './RegionBoundary';

describe('a region that fails to render', () => {
  it('shows what failed, quarantines the stored run it was drawing, and offers reset and remove', async () => {
    const quarantine = vi.fn();
    const remove = vi.fn(async () => {});
    const onReset = vi.fn();
    const b = new RegionBoundary({
      region: 'The lottery-ticket chart', testId: 'lottery', children: null, onReset, remove, quarantine,
      storedRun: () => ({ id: 'file-run_1', name: 'IMP <b>' }),
    });
    const setState = vi.spyOn(b, 'setState').mockImplementation((s) => Object.assign(b.state, s));
    const error = new TypeError("Cannot read properties of undefined (reading 'safeParse')");
    Object.assign(b.state, RegionBoundary.getDerivedStateFromError(error));
    vi.spyOn(console, 'error').mockImplementation(() => {});
    b.componentDidCatch(error, { componentStack: '' });
    expect(quarantine).toHaveBeenCalledWith({ id: 'file-run_1', name: 'IMP <b>' }, expect.stringMatching(/^it failed while drawing the lottery-ticket chart: Cannot read/));
    const html = renderToStaticMarkup(b.render());
    expect(html).toContain('The lottery-ticket chart could not be shown');
    expect(html).toContain('data-testid="btn-reset-view"');
    expect(html).toContain('data-testid="btn-remove-stored-run"');
    expect(html).toContain('IMP &lt;b&gt;');
    await (b as unknown as { removeRun(): Promise<void> }).removeRun();
    expect(remove).toHaveBeenCalledWith('file-run_1');
    expect(onReset).toHaveBeenCalled();
    expect(b.state.error).toBeNull();
    setState.mockRestore();
  });
});
