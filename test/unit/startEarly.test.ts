import assert from 'node:assert/strict';
import type { VisibleView } from '../../src/startEarly';
import { whenFirstVisible } from '../../src/startEarly';

/** A view whose visibility the test changes. */
class FakeView implements VisibleView {
  private listeners: ((event: { visible: boolean }) => unknown)[] = [];
  constructor(public visible = false) {}
  onDidChangeVisibility(listener: (event: { visible: boolean }) => unknown) {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  }
  show(visible: boolean): void {
    this.visible = visible;
    for (const l of [...this.listeners]) l({ visible });
  }
  get listening(): number {
    return this.listeners.length;
  }
}

/** Collects what was scheduled, to run it when the test says. */
function scheduler() {
  const queued: (() => void)[] = [];
  return { queued, later: (run: () => void) => void queued.push(run) };
}

describe('startEarly whenFirstVisible', () => {
  it('schedules the start when a view becomes visible, in a task of its own, once', () => {
    const images = new FakeView();
    const instances = new FakeView();
    const s = scheduler();
    let started = 0;
    whenFirstVisible([images, instances], () => started++, s.later);
    assert.equal(s.queued.length, 0, 'nothing while no view is visible');

    instances.show(true);
    assert.equal(started, 0, 'not inside the event');
    assert.equal(s.queued.length, 1);
    s.queued[0]?.();
    assert.equal(started, 1);

    images.show(true);
    instances.show(false);
    instances.show(true);
    assert.equal(s.queued.length, 1, 'only the first time');
    assert.equal(images.listening + instances.listening, 0, 'stops listening');
  });

  it('schedules at once when a view is already visible', () => {
    const s = scheduler();
    let started = 0;
    whenFirstVisible([new FakeView(true)], () => started++, s.later);
    assert.equal(s.queued.length, 1);
    s.queued[0]?.();
    assert.equal(started, 1);
  });

  it('does nothing once disposed', () => {
    const view = new FakeView();
    const s = scheduler();
    whenFirstVisible([view], () => undefined, s.later).dispose();
    view.show(true);
    assert.equal(s.queued.length, 0);
  });
});
