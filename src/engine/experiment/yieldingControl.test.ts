import { describe, expect, it } from 'vitest';
import { YieldingControl } from './yieldingControl';

describe('YieldingControl', () => {
  it('lets queued tasks run during a loop whose awaits are all microtasks', async () => {
    const control = new YieldingControl(0);
    let timerFired = false;
    setTimeout(() => (timerFired = true), 0);
    for (let i = 0; i < 50 && !timerFired; i++) await control.gate();
    expect(timerFired).toBe(true);
  });

  it('yields at most once per interval and still pauses like RunControl', async () => {
    let t = 0;
    const control = new YieldingControl(1000, () => t);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    for (let i = 0; i < 20; i++) await control.gate();
    clearInterval(timer);
    expect(ticks).toBeLessThanOrEqual(1);

    control.pause();
    let passed = false;
    const gate = control.gate().then(() => (passed = true));
    t += 2000;
    await new Promise((r) => setTimeout(r, 20));
    expect(passed).toBe(false);
    control.resume();
    await gate;
    expect(passed).toBe(true);
  });
});
