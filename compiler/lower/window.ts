import type { WindowDef } from '../../dsl/index.js';
import { at, type DiagnosticBag } from '../diagnostics/index.js';
import { formatDuration } from '../durations.js';
import { IrWindowNode, type IrWindow } from '../ir/index.js';
import { lowerWindowLength } from './duration.js';

/** Lowers a window; null after reporting. */
export function lowerWindow(window: WindowDef, bag: DiagnosticBag, path: string): IrWindow | null {
  const kind = (window as { kind?: unknown } | undefined)?.kind;
  switch (kind) {
    case 'tumbling': {
      const size = lowerWindowLength((window as { size: unknown }).size, bag, path);
      return size === null ? null : IrWindowNode.tumbling(size);
    }
    case 'hopping': {
      const { size: sizeDef, slide: slideDef } = window as { size: unknown; slide: unknown };
      const size = lowerWindowLength(sizeDef, bag, path);
      if (size === null) return null;
      const slideMs = (slideDef as { ms?: unknown } | undefined)?.ms;
      if (typeof slideMs !== 'number' || !Number.isInteger(slideMs) || slideMs <= 0 || slideMs > size || size % slideMs !== 0) {
        bag.report('FEATC_E2105', at(path, 'slide'), formatDuration(size), typeof slideMs === 'number' ? formatDuration(slideMs) : String(slideMs));
        return null;
      }
      return IrWindowNode.hopping(size, slideMs);
    }
    case 'session': {
      const gap = lowerWindowLength((window as { gap: unknown }).gap, bag, path);
      return gap === null ? null : IrWindowNode.session(gap);
    }
    case 'sliding': {
      const range = lowerWindowLength((window as { range: unknown }).range, bag, path);
      return range === null ? null : IrWindowNode.sliding(range);
    }
    case 'lifetime':
      return IrWindowNode.lifetime();
    default:
      bag.report('FEATC_E2103', path, JSON.stringify(window) ?? String(window));
      return null;
  }
}

/** Short stable name of a window, used in table names and transactional ids: `hop_10m_1m`. */
export function windowSlug(window: IrWindow): string {
  switch (window.kind) {
    case 'tumbling': return `tumble_${formatDuration(window.sizeMs)}`;
    case 'hopping': return `hop_${formatDuration(window.sizeMs)}_${formatDuration(window.slideMs)}`;
    case 'session': return `session_${formatDuration(window.gapMs)}`;
    case 'sliding': return `over_${formatDuration(window.rangeMs)}`;
    case 'lifetime': return 'lifetime';
  }
}

/** Human description: `hopping 10m every 1m`. */
export function describeWindow(window: IrWindow): string {
  switch (window.kind) {
    case 'tumbling': return `tumbling ${formatDuration(window.sizeMs)}`;
    case 'hopping': return `hopping ${formatDuration(window.sizeMs)} every ${formatDuration(window.slideMs)}`;
    case 'session': return `session gap ${formatDuration(window.gapMs)}`;
    case 'sliding': return `sliding ${formatDuration(window.rangeMs)} (per event)`;
    case 'lifetime': return 'lifetime';
  }
}
