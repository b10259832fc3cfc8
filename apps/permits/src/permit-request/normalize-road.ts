/**
 * The road of a route as the permit office compares it: trimmed, every run of white space
 * (the full-width space too) made one space. `纬三路  东段` and ` 纬三路 东段` are one road.
 */
export function normalizeRoad(route: string | undefined): string | null {
  const road = route?.replace(/\s+/gu, ' ').trim();
  return road ? road : null;
}
