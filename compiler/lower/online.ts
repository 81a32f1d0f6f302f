import type { OnlineOptions } from '../../dsl/index.js';
import { at, type DiagnosticBag } from '../diagnostics/index.js';
import { isNumeric, type IrOnline, type IrType } from '../ir/index.js';
import { lowerDuration } from './duration.js';

function fits(type: IrType, value: unknown): boolean {
  if (value === null) return true;
  if (isNumeric(type)) return typeof value === 'number' && Number.isFinite(value);
  if (type.kind === 'scalar') return typeof value === (type.name === 'boolean' ? 'boolean' : 'string');
  return false;
}

function typeName(type: IrType): string {
  if (isNumeric(type)) return 'a number';
  return type.kind === 'scalar' ? `a ${type.name}` : `null (${type.kind} features take no default)`;
}

/** Online options of one feature: TTL override and default value, type-checked. */
export function lowerOnline(
  name: string, type: IrType, options: OnlineOptions<unknown> | undefined, bag: DiagnosticBag, viewPath: string,
): IrOnline {
  const path = at(viewPath, 'online', name);
  const ttlMs = options?.ttl === undefined ? null : lowerDuration(options.ttl, bag, at(path, 'ttl'), 'ttl');
  let value: IrOnline['default'] = null;
  if (options && 'default' in options && options.default !== undefined) {
    if (fits(type, options.default)) value = options.default as IrOnline['default'];
    else bag.report('FEATC_E2404', at(path, 'default'), name, JSON.stringify(options.default) ?? String(options.default), typeName(type));
  }
  return { ttlMs, default: value };
}
