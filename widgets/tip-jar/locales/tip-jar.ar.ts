import type { Messages } from '../../shared/messages.ts';
import type { TipJarMessageKey } from '../tip-jar.messages.ts';

const messages: Messages<TipJarMessageKey> = {
  amount: 'اختر مبلغًا',
  name: 'اسمك',
  message: 'الرسالة',
  options: 'خيارات أخرى',
  anonymous: 'أبقِني مجهول الهوية',
  private: 'رسالة خاصة (لا يراها إلا صاحب المحتوى)',
  'cover-fee': 'أضف {fee} لتغطية رسوم الدفع',
  goal: '{current} من {target}',
  'goal-ends': 'ينتهي {when}',
  'goal-ended': 'انتهى',
  supporters: 'الداعمون مؤخرًا',
  paying: 'أكمل دفع {amount} في نافذة الدفع.',
  'pay-again': 'افتح نافذة الدفع',
  declined: 'لم تتم عملية الدفع: {reason} جرّب بطاقة أخرى في نافذة الدفع.',
  send: 'أرسل {label}',
  closed: 'الإكراميات متوقفة مؤقتًا الآن. شكرًا لأنك فكّرت في ذلك!',
  'sign-in-needed': 'يطلب منك صانع المحتوى تسجيل الدخول قبل الإرسال.',
  'sign-in-with': 'تسجيل الدخول باستخدام {provider}',
  'sign-in-email': 'تسجيل الدخول برابط عبر البريد الإلكتروني',
  'signed-in-as': 'تم تسجيل الدخول باسم {name}.',
  'sign-in-failed': 'لم يكتمل تسجيل الدخول. حاول مرة أخرى.',
  'send-monthly': 'أرسل شهريًا',
};

export default messages;
