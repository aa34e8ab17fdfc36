/** The API VS Code injects into webviews (acquireVsCodeApi may be called once per page). */
interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** A typed channel to the extension host: what may be posted and what is kept across reloads. */
export interface HostChannel<Out, State> {
  post(message: Out): void;
  getState(): Partial<State> | undefined;
  setState(state: State): void;
}

/** Acquires the VS Code API once and types it with the panel's protocol. */
export function hostChannel<Out, State>(): HostChannel<Out, State> {
  const api = acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(message),
    getState: () => {
      const state = api.getState();
      return typeof state === 'object' && state !== null ? state : undefined;
    },
    setState: (state) => api.setState(state),
  };
}

/** Subscribes to messages from the host. Only the panel's own host can post here. */
export function onHostMessage<In>(handler: (message: In) => void): void {
  window.addEventListener('message', (event: MessageEvent<In>) => handler(event.data));
}
