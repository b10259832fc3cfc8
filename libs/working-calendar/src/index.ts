export { CalendarYearMissingError } from './calendar-year-missing.error';
export { chinaDay } from './china-day';
export type { HolidayYear } from './holiday-year';
export { WorkingCalendar } from './working-calendar';
