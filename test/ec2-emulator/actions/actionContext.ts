import type { QueryInput } from '../protocol/queryInput';
import type { XmlChild } from '../protocol/xmlWriter';
import type { Caller } from '../state/accountDirectory';
import type { EmulatorWorld } from '../state/emulatorWorld';

/** One request, as an action handler sees it. */
export interface ActionContext {
  readonly input: QueryInput;
  readonly caller: Caller;
  /** Region from the SigV4 credential scope; already checked to be callable. */
  readonly region: string;
  readonly world: EmulatorWorld;
  /** Emulator time for this request (one value per request keeps a response self-consistent). */
  readonly now: number;
}

/** Produces the children of `<{Action}Response>` after `<requestId>`, or throws an Ec2Error. */
export type ActionHandler = (ctx: ActionContext) => XmlChild[];
