import { useStore, type ReactFlowState } from '@xyflow/react';
import './dot-grid.css';

const transformOf = (state: ReactFlowState) => state.transform;

/** One dot per tile, as React Flow's dots: a 1-pixel dot at full size, scaled with the zoom. */
const dotTile = (gap: number) =>
  `url("data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" width="${gap}" height="${gap}" viewBox="0 0 ${gap} ${gap}"><circle cx="0.5" cy="0.5" r="0.5" fill="#91919a"/></svg>`)}")`;

/**
 * The canvas's dotted background. React Flow's <Background> moves an SVG pattern, which repaints
 * the whole pane on every frame of a pan; this layer is painted once per zoom and slid by the
 * compositor, a step at most, since the dots repeat.
 */
export function DotGrid({ gap }: { gap: number }) {
  const [x, y, zoom] = useStore(transformOf);
  const step = gap * zoom;
  // Where the layer starts: within one step before the pane's edge, so it always covers the pane.
  const start = (offset: number) => (((offset % step) + step) % step) - step;
  return (
    <div
      className="dot-grid"
      aria-hidden="true"
      style={{
        width: `calc(100% + ${step}px)`,
        height: `calc(100% + ${step}px)`,
        backgroundImage: dotTile(gap),
        backgroundSize: `${step}px ${step}px`,
        transform: `translate(${start(x)}px, ${start(y)}px)`,
      }}
    />
  );
}
