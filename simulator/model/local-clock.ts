// Time of day in the hotline's time zone, for the arrival profile and the shifts. Pure: the
// zone's rules come from Intl, no clock is read. Offsets are cached per hour because the
// thinning loop asks for the time of day of every candidate arrival.
export interface LocalClock {
  readonly timeZone: string;
  /** Minutes since local midnight, fractional, in [0, 1440). */
  minuteOfDay(ts: number): number;
}

const HOUR_MS = 3_600_000;

export function createLocalClock(timeZone: string): LocalClock {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
  } catch {
    throw new RangeError(`timeZone: "${timeZone}" is not an IANA time zone Intl knows`);
  }
  const offsets = new Map<number, number>();
  const offsetAt = (ts: number): number => {
    const hour = Math.floor(ts / HOUR_MS);
    let offset = offsets.get(hour);
    if (offset === undefined) {
      const at = hour * HOUR_MS;
      const parts: Record<string, number> = {};
      for (const part of format.formatToParts(at)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
      const localAsUtc = Date.UTC(parts['year']!, parts['month']! - 1, parts['day']!, parts['hour']!, parts['minute']!);
      offset = localAsUtc - (at - (at % 60_000));
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
