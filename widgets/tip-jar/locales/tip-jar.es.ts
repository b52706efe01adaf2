import type { Messages } from '../../shared/messages.ts';
import type { TipJarMessageKey } from '../tip-jar.messages.ts';

const messages: Messages<TipJarMessageKey> = {
  amount: 'Elige una cantidad',
  name: 'Tu nombre',
  'name.hint': 'Se muestra con tu mensaje salvo que prefieras el anonimato.',
  message: 'Mensaje',
  send: 'Enviar {label}',
  closed: 'Las propinas están en pausa ahora mismo. ¡Gracias por pensarlo!',
  'sent.pending-payment':
    '¡Gracias! Tu {label} de {amount} está anotado; el pago se abre en el siguiente paso.',
};

export default messages;
