// The call centre's time zone and a fixed morning in it, for tests that format or bucket time.
export const TZ = 'Asia/Shanghai';
/** 2026-11-23 10:00:00 in Shanghai. */
export const TEN_AM = Date.UTC(2026, 10, 23, 2, 0, 0);
