// Time of day in the hotline's time zone, for the arrival profile and the shifts. Pure: the
// zone's rules come from Intl (through the core's zoneOffset), no clock is read. Offsets are
// cached per hour because the thinning loop asks for the time of day of every candidate arrival.
import { assertTimeZone, zoneOffset } from '../../server/core/windows.js';
export interface LocalClock {
  readonly timeZone: string;
  /** Minutes since local midnight, fractional, in [0, 1440). */
  minuteOfDay(ts: number): number;
}

const HOUR_MS = 3_600_000;

export function createLocalClock(timeZone: string): LocalClock {
  try {
    assertTimeZone(timeZone);
  } catch {
    throw new RangeError(`timeZone: "${timeZone}" is not an IANA time zone Intl knows`);
  }
  const offsets = new Map<number, number>();
  const offsetAt = (ts: number): number => {
    const hour = Math.floor(ts / HOUR_MS);
    let offset = offsets.get(hour);
    if (offset === undefined) {
      offset = zoneOffset(hour * HOUR_MS, timeZone);
      if (offsets.size > 10_000) offsets.clear();
      offsets.set(hour, offset);
    }
    return offset;
  };
  return {
    timeZone,
    minuteOfDay(ts) {
      const local = ts + offsetAt(ts);
      const ms = ((local % 86_400_000) + 86_400_000) % 86_400_000;
      return ms / 60_000;
    },
  };
}
