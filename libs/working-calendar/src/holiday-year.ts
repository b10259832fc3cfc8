/** One year's official arrangement, as published by the General Office of the State Council. */
export interface HolidayYear {
  year: number;
  /** The notice the days come from, e.g. 国办发明电〔2025〕7号. */
  source: string;
  /** Days off (YYYY-MM-DD), including those that fall on weekdays. */
  holidays: string[];
  /** Weekend days that are working days (调休上班), YYYY-MM-DD. */
  makeUpWorkdays: string[];
}
