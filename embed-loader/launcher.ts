/**
 * Button mode: a floating launcher that opens the widget's frame in a modal dialog. The native
 * `<dialog>` moves focus in, keeps it there and closes on Escape; we return focus to the launcher and
 * stop the page behind from scrolling. Loaded on demand by embed.js. Styles are set through the CSSOM,
 * which a strict `style-src` allows (unlike style attributes in markup).
 */
export function attachLauncher({
  element,
  frame,
  label,
  onClose,
}: {
  element: HTMLElement;
  frame: HTMLIFrameElement;
  label: string;
  onClose: () => void;
}): () => void {
  const button = document.createElement('button');
  const dialog = document.createElement('dialog');
  const close = document.createElement('button');
  const root = document.documentElement;
  button.type = close.type = 'button';
  button.textContent = label;
  button.setAttribute('aria-haspopup', 'dialog');
  close.textContent = 'Close';
  dialog.setAttribute('aria-label', label);
  Object.assign(button.style, {
    position: 'fixed',
    insetBlockEnd: '16px',
    insetInlineEnd: '16px',
    // The one stacking level Patchbay claims on a host page; a page can lower it with the token.
    zIndex: 'var(--pb-z-launcher, 2147483000)',
  });
  Object.assign(dialog.style, { width: 'min(480px, 100vw - 32px)', padding: '0', border: '0' });
  button.onclick = () => {
    if (!dialog.contains(frame)) dialog.append(close, frame);
    dialog.showModal();
    root.style.overflow = 'hidden';
  };
  close.onclick = () => dialog.close();
  dialog.onclose = () => {
    root.style.overflow = '';
    button.focus();
    onClose();
  };
  element.append(button, dialog);
  return () => {
    if (dialog.open) dialog.close();
    button.remove();
    dialog.remove();
  };
}
