import type { Messages } from '../../shared/messages.ts';
import type { TipJarMessageKey } from '../tip-jar.messages.ts';

const messages: Messages<TipJarMessageKey> = {
  amount: 'Elige una cantidad',
  name: 'Tu nombre',
  message: 'Mensaje',
  options: 'Más opciones',
  anonymous: 'Quiero ser anónimo',
  private: 'Solo quien crea el contenido puede leer lo que escribí',
  'cover-fee': 'Añadir {fee} para cubrir la comisión de pago',
  send: 'Enviar {label}',
  closed: 'Las propinas están en pausa ahora mismo. ¡Gracias por pensarlo!',
  goal: '{current} de {target}',
  'goal-ends': 'termina {when}',
  'goal-ended': 'terminado',
  supporters: 'Apoyos recientes',
  paying: 'Termina de pagar {amount} en la ventana de pago.',
  'pay-again': 'Abrir la ventana de pago',
  declined: 'El pago no se completó: {reason} Prueba con otra tarjeta en la ventana de pago.',
  'sign-in-needed': 'Quien crea este contenido te pide iniciar sesión antes de enviarlo.',
  'sign-in-with': 'Iniciar sesión con {provider}',
  'sign-in-email': 'Iniciar sesión con un enlace por correo',
  'signed-in-as': 'Sesión iniciada como {name}.',
  'sign-in-failed': 'No se completó el inicio de sesión. Inténtalo de nuevo.',
  'send-monthly': 'Cada mes',
};

export default messages;
