import type { PersonalDataSource } from './personal-data-types.ts';
import { tipPersonalData } from './tip-personal-data.ts';
import { bookingPersonalData } from './booking-personal-data.ts';
import { cohortPersonalData } from './cohort-personal-data.ts';
import { requestPersonalData } from './request-personal-data.ts';
import { attachmentPersonalData } from './attachment-personal-data.ts';

/**
 * Every kind of record that can hold a fan's personal data. An area that stores fan data (requests,
 * bookings, cohort profiles) adds its source here, so `listMyData` and `deleteMyData` cover it.
 */
export const PERSONAL_DATA_SOURCES: readonly PersonalDataSource[] = [
  tipPersonalData,
  requestPersonalData,
  attachmentPersonalData,
  bookingPersonalData,
  cohortPersonalData,
];
