import type { Messages } from '../../shared/messages.ts';
import type { TipJarMessageKey } from '../tip-jar.messages.ts';

const messages: Messages<TipJarMessageKey> = {
  amount: 'اختر مبلغًا',
  name: 'اسمك',
  'name.hint': 'يظهر مع رسالتك ما لم تختر البقاء مجهولًا.',
  message: 'الرسالة',
  send: 'أرسل {label}',
  closed: 'الإكراميات متوقفة مؤقتًا الآن. شكرًا لأنك فكّرت في ذلك!',
  'sent.pending-payment': 'شكرًا لك! سُجّل {label} بقيمة {amount}، ويُفتح الدفع في الخطوة التالية.',
};

export default messages;
