import type { Messages } from '../messages.ts';
import type { SharedMessageKey } from '../shared.messages.ts';

const messages: Messages<SharedMessageKey> = {
  loading: 'جارٍ التحميل…',
  empty: 'لا يوجد شيء هنا بعد.',
  retry: 'أعد المحاولة',
  success: 'تم!',
  'error.network': 'تعذّر الوصول إلى الخادم. تحقّق من اتصالك وأعد المحاولة.',
  'error.validation': 'بعض البيانات تحتاج إلى تصحيح. راجع الحقول المميّزة.',
  'error.unauthorized': 'يُرجى تسجيل الدخول مرة أخرى للمتابعة.',
  'error.forbidden': 'هذا غير متاح لك.',
  'error.not-found': 'لم نعثر على هذا. ربما تمت إزالته.',
  'error.conflict': 'تغيّر هذا أثناء وجودك هنا. أعد التحميل وحاول مجددًا.',
  'error.rate-limited': { other: 'محاولات كثيرة جدًا. حاول مرة أخرى بعد {count} ثانية.' },
  'error.unavailable': 'الخدمة مشغولة الآن. حاول بعد قليل.',
  'error.server': 'حدث خطأ من جهتنا. إذا تكرّر، اذكر المرجع {reference}.',
  'error.server-no-reference': 'حدث خطأ من جهتنا. حاول بعد قليل.',
};

export default messages;
