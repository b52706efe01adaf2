import type { Messages } from '../messages.ts';
import type { ControlMessageKey } from '../controls/controls.messages.ts';

const messages: Messages<ControlMessageKey> = {
  optional: 'اختياري',
  required: 'املأ هذا الحقل.',
  'required.choice': 'اختر خيارًا.',
  'required.consent': 'حدّد هذا المربع للمتابعة.',
  'invalid.email': 'أدخل بريدًا إلكترونيًا مثل name@example.com.',
  'invalid.url': 'أدخل عنوان ويب يبدأ بـ https://.',
  'too-short': { other: 'استخدم {count} أحرف على الأقل.' },
  'counter.left': { other: 'تبقّى {count} حرفًا' },
  'counter.over': { other: 'تجاوزت الحد بـ {count} حرفًا' },
  'select.placeholder': 'اختر…',
  'amount.other': 'مبلغ آخر',
  'amount.custom-label': 'المبلغ بـ {currency}',
  'amount.range': 'أدخل مبلغًا من {min} إلى {max}.',
  'amount.invalid': 'أدخل مبلغًا مثل {example}.',
  'slot.date': 'التاريخ',
  'slot.time': 'الوقت',
  'slot.none': 'لا توجد أوقات متاحة. عد لاحقًا.',
  'slot.pick-date': 'اختر تاريخًا لعرض أوقاته.',
  'slot.zone': 'الأوقات معروضة بتوقيت {zone}.',
  'file.choose': 'اختر ملفًا',
  'file.choose-many': 'اختر ملفات',
  'file.drop': 'أو أفلته هنا',
  'file.remove': 'إزالة {name}',
  'file.too-large': '{name} أكبر من {max}.',
  'file.wrong-type': '{name} ليس من أنواع الملفات المقبولة ({accept}).',
  'file.too-many': { other: 'اختر {count} ملفات كحد أقصى.' },
  'file.count': { other: 'الملفات المختارة: {count}' },
};

export default messages;
