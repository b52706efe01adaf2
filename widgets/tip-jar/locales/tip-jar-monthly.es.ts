import type { Messages } from '../../shared/messages.ts';
import type { TipJarMonthlyMessageKey } from '../tip-jar-monthly.messages.ts';

const messages: Messages<TipJarMonthlyMessageKey> = {
  renews: 'Das {amount} cada mes hasta que lo detengas.',
  stop: 'Detener el apoyo mensual',
  stopped: 'Apoyo mensual detenido: no se cobrará nada más. ¡Gracias por todo!',
  'stop-failed': 'No se pudo detener el apoyo mensual ahora. Inténtalo de nuevo en un momento.',
};

export default messages;
