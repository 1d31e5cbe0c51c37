// Masking of phone numbers: the caller's number field, and any number typed into free text (a
// pause reason, a name), so that no full number reaches the state, the checkpoint or a dead letter.

/** The caller's number is stored only masked: keep at most the first 3 and last 4 digits. */
export function maskCaller(raw: string): string {
  // Already masked (an adapter masks before it appends, and the server decodes the entry again): keep it.
  if (/^\d{0,3}\*+\d{0,4}$/.test(raw)) return raw;
  const digits = raw.replace(/\D/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  if (digits.length <= 7) return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

/** Shortest digit run taken for a phone number: 7 digits is a local number without its area code. */
export const PHONE_MIN_DIGITS = 7;

// A run of PHONE_MIN_DIGITS or more digits, with an optional leading "+" and single spaces or
// dashes between digits ("+86 138-1234-5678"); times like "12:30" and short counts stay as they are.
const PHONE_RUN = new RegExp(`\\+?\\d(?:[ -]?\\d){${PHONE_MIN_DIGITS - 1},}`, 'g');

// A calendar date ("2026-12-01", "back 2026-12-01") has a phone number's digits and dashes.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Free text with every phone-number-like digit run masked as maskCaller masks a caller; dates stay. */
export function maskPhoneNumbers(text: string): string {
  // Most text (a name, a team, a pause reason) has fewer digits than a number: nothing to mask, no regular expression run.
  let digits = 0;
  for (let i = 0; i < text.length && digits < PHONE_MIN_DIGITS; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits += 1;
  }
  if (digits < PHONE_MIN_DIGITS) return text;
  return text.replace(PHONE_RUN, (run) => (ISO_DATE.test(run) ? run : maskCaller(run)));
}
