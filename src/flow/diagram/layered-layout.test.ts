import { describe, expect, it } from 'vitest';
import { layeredLayout } from './layered-layout.ts';

const node = (id: string) => ({ id, width: 100, height: 50 });

describe('layeredLayout', () => {
  it('puts each node a layer below its predecessors, ignoring the edges that close cycles', () => {
    const positions = layeredLayout([node('start'), node('ask'), node('check'), node('done')], [
      { from: 'start', to: 'ask' }, { from: 'ask', to: 'check' }, { from: 'check', to: 'ask' }, { from: 'check', to: 'check' }, { from: 'start', to: 'done' }, { from: 'check', to: 'done' },
    ]);
    const layer = (id: string) => positions.get(id)!.y / (50 + 90);
    expect(['start', 'ask', 'check', 'done'].map(layer)).toStrictEqual([0, 1, 2, 3]);
  });

  it('places the nodes of a layer side by side, centred, without overlap', () => {
    const positions = layeredLayout([node('top'), node('left'), node('right')], [{ from: 'top', to: 'left' }, { from: 'top', to: 'right' }]);
    expect(positions.get('top')).toStrictEqual({ x: -50, y: 0 });
    expect([positions.get('left'), positions.get('right')]).toStrictEqual([{ x: -120, y: 140 }, { x: 20, y: 140 }]);
  });

  it('orders a layer by its parents so that edges do not cross', () => {
    const positions = layeredLayout([node('root'), node('a'), node('b'), node('fromB'), node('fromA')], [
      { from: 'root', to: 'a' }, { from: 'root', to: 'b' }, { from: 'b', to: 'fromB' }, { from: 'a', to: 'fromA' },
    ]);
    expect(positions.get('fromA')!.x < positions.get('fromB')!.x).toBe(positions.get('a')!.x < positions.get('b')!.x);
  });

  it('ignores edges to unknown nodes and lays out an empty graph', () => {
    expect(layeredLayout([node('only')], [{ from: 'only', to: 'nowhere' }, { from: 'nowhere', to: 'only' }])).toStrictEqual(new Map([['only', { x: -50, y: 0 }]]));
    expect(layeredLayout([], [])).toStrictEqual(new Map());
  });
});
