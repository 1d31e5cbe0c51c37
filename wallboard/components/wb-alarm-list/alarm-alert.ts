// The tablet's sound and vibration for a new alarm, only where the lead allowed them (a toggle kept
// in localStorage): a short Web Audio beep (two for critical) and navigator.vibrate.
import type { AlarmSeverity } from '../../../server/contract/vocabulary.js';

const KEY = 'wb.alarmAlert';

export function alertAllowed(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

export function setAlertAllowed(on: boolean): void {
  try {
    localStorage.setItem(KEY, on ? '1' : '0');
  } catch {
    // Private mode without storage: the toggle lasts this page only.
  }
}

let audio: AudioContext | null = null;

/** Beeps and vibrates; a browser that blocks either (no gesture yet, no vibration motor) is left alone. */
export function alertFor(severity: AlarmSeverity): void {
  const beeps = severity === 'critical' ? 2 : 1;
  try {
    audio ??= new AudioContext();
    const start = audio.currentTime;
    for (let i = 0; i < beeps; i++) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = 880;
      gain.gain.value = 0.2;
      osc.connect(gain).connect(audio.destination);
      osc.start(start + i * 0.35);
      osc.stop(start + i * 0.35 + 0.2);
    }
  } catch {
    // No Web Audio here.
  }
  if (typeof navigator.vibrate === 'function') navigator.vibrate(severity === 'critical' ? [200, 120, 200] : 200);
}
