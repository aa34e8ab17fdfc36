import { isAmiId, isRegionName } from '../core/model/validation';
import { isRecord } from './protocolGuards';

/**
 * What every panel's webview keeps with `setState`, so the panel serializer can bring the panel
 * back after a window reload: the image it shows. Panels add their own UI state next to it.
 */
export interface PanelIdentity {
  /** The image's region. */
  region: string;
  /** The image's id. */
  imageId: string;
}

/** The image a restored panel showed, from the state its webview kept (untrusted: checked). */
export function identityFrom(state: unknown): PanelIdentity | undefined {
  if (!isRecord(state)) return undefined;
  const { region, imageId } = state;
  if (typeof region !== 'string' || typeof imageId !== 'string') return undefined;
  if (!isRegionName(region) || !isAmiId(imageId)) return undefined;
  return { region, imageId };
}
