import type { Messages } from '../messages.ts';
import type { SharedMessageKey } from '../shared.messages.ts';

const messages: Messages<SharedMessageKey> = {
  loading: 'Cargando…',
  empty: 'Todavía no hay nada aquí.',
  retry: 'Reintentar',
  success: '¡Listo!',
  'error.network': 'No pudimos conectar con el servidor. Revisa tu conexión e inténtalo de nuevo.',
  'error.validation': 'Hay datos que corregir. Revisa los campos marcados.',
  'error.unauthorized': 'Vuelve a iniciar sesión para continuar.',
  'error.forbidden': 'Esto no está disponible para ti.',
  'error.not-found': 'No encontramos esto. Puede que se haya eliminado.',
  'error.conflict': 'Esto cambió mientras estabas aquí. Recarga e inténtalo de nuevo.',
  'error.rate-limited': {
    one: 'Demasiados intentos. Inténtalo en {count} segundo.',
    other: 'Demasiados intentos. Inténtalo en {count} segundos.',
  },
  'error.unavailable': 'El servicio está ocupado. Inténtalo en un momento.',
  'error.server': 'Algo salió mal por nuestra parte. Si se repite, indica la referencia {reference}.',
  'error.server-no-reference': 'Algo salió mal por nuestra parte. Inténtalo en un momento.',
};

export default messages;
