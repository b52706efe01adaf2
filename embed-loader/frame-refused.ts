import { PROTOCOL_VERSION, type FrameToHost } from './protocol.ts';

/*
 * The refusal page: the app does not allow the site that tried to embed it. The page says so in the
 * frame itself and tells the loader, which raises pb-error on the placeholder. It names the claimed
 * host origin as the target, so a page lying about its origin hears nothing.
 */
const { pbHost: host, pbMessage: message = '' } = document.body.dataset;
if (host && window.parent !== window) {
  const payload: FrameToHost['refused'] = { message };
  window.parent.postMessage(
    { pb: PROTOCOL_VERSION, type: 'refused', id: crypto.randomUUID(), payload },
    host,
  );
}
