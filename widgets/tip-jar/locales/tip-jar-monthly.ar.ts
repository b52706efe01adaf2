import type { Messages } from '../../shared/messages.ts';
import type { TipJarMonthlyMessageKey } from '../tip-jar-monthly.messages.ts';

const messages: Messages<TipJarMonthlyMessageKey> = {
  renews: 'تدفع {amount} كل شهر حتى توقف ذلك.',
  stop: 'أوقف الدعم الشهري',
  stopped: 'توقف الدعم الشهري: لن يُخصم أي مبلغ آخر. شكرًا على كل شيء!',
  'stop-failed': 'تعذّر إيقاف الدعم الشهري الآن. حاول مرة أخرى بعد قليل.',
};

export default messages;
