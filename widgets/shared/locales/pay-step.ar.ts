import type { Messages } from '../messages.ts';
import type { PayStepMessageKey } from '../pay-step.messages.ts';

const messages: Messages<PayStepMessageKey> = {
  'test-card': 'رقم بطاقة الاختبار',
  'test-hint': 'وضع الاختبار، لا تنتقل أي أموال: 4242 4242 4242 4242 تدفع، و4000 0000 0000 0002 تُرفض.',
  pay: 'ادفع {amount}',
  paying: 'جارٍ الدفع…',
  authenticate: 'يطلب منك مصرفك تأكيد هذه الدفعة.',
  approve: 'تأكيد الدفعة',
  deny: 'إلغاؤها',
  'card-form': 'الدفع بالبطاقة',
  unreachable: 'تعذّر تحميل نموذج البطاقة هنا. ادفع في نافذة جديدة بدلًا من ذلك.',
  'pay-in-window': 'ادفع في نافذة جديدة',
};

export default messages;
