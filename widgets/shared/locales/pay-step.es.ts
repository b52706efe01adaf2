import type { Messages } from '../messages.ts';
import type { PayStepMessageKey } from '../pay-step.messages.ts';

const messages: Messages<PayStepMessageKey> = {
  'test-card': 'Número de tarjeta de prueba',
  'test-hint':
    'Modo de prueba, no se mueve dinero: 4242 4242 4242 4242 paga, 4000 0000 0000 0002 se rechaza.',
  pay: 'Pagar {amount}',
  paying: 'Pagando…',
  authenticate: 'Tu banco pide que confirmes este pago.',
  approve: 'Confirmar el pago',
  deny: 'Cancelarlo',
  'card-form': 'Pago con tarjeta',
  unreachable: 'El formulario de tarjeta no pudo cargarse aquí. Paga en una ventana nueva.',
  'pay-in-window': 'Pagar en una ventana nueva',
};

export default messages;
