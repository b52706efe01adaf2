import type { Messages } from '../messages.ts';
import type { ControlMessageKey } from '../controls/controls.messages.ts';

const messages: Messages<ControlMessageKey> = {
  optional: 'opcional',
  required: 'Rellena este campo.',
  'required.choice': 'Elige una opción.',
  'required.consent': 'Marca esta casilla para continuar.',
  'invalid.email': 'Escribe un correo como nombre@ejemplo.com.',
  'invalid.url': 'Escribe una dirección web que empiece por https://.',
  'too-short': { one: 'Usa al menos {count} carácter.', other: 'Usa al menos {count} caracteres.' },
  'counter.left': { one: 'Queda {count} carácter', other: 'Quedan {count} caracteres' },
  'counter.over': { one: 'Sobra {count} carácter', other: 'Sobran {count} caracteres' },
  'select.placeholder': 'Elige…',
  'amount.other': 'Otra cantidad',
  'amount.custom-label': 'Cantidad en {currency}',
  'amount.range': 'Escribe una cantidad entre {min} y {max}.',
  'amount.invalid': 'Escribe una cantidad como {example}.',
  'amount.negative': 'Escribe una cantidad mayor que cero.',
  'amount.decimals': {
    one: 'Usa como mucho {count} decimal en {currency}, como {example}.',
    other: 'Usa como mucho {count} decimales en {currency}, como {example}.',
  },
  'amount.whole': '{currency} no tiene decimales: escribe una cantidad entera como {example}.',
  'slot.date': 'Fecha',
  'slot.time': 'Hora',
  'slot.none': 'No hay horas disponibles. Vuelve más tarde.',
  'slot.pick-date': 'Elige una fecha para ver sus horas.',
  'slot.zone': 'Las horas se muestran en {zone}.',
  'slot.month-previous': 'Mes anterior',
  'slot.month-next': 'Mes siguiente',
  'file.choose': 'Elegir un archivo',
  'file.choose-many': 'Elegir archivos',
  'file.drop': 'o suéltalo aquí',
  'file.remove': 'Quitar {name}',
  'file.too-large': '{name} ocupa más de {max}.',
  'file.wrong-type': '{name} no es un tipo de archivo admitido ({accept}).',
  'file.too-many': {
    one: 'Elige como máximo {count} archivo.',
    other: 'Elige como máximo {count} archivos.',
  },
  'file.count': { one: '{count} archivo elegido', other: '{count} archivos elegidos' },
};

export default messages;
