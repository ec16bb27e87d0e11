/*
 * How the console draws a moderator's attention besides the banner: a count in the tab title
 * and, only when the moderator turned it on, a short beep (made with WebAudio, no sound file).
 */

export const SOUND_SETTING_KEY = 'cocon.moderation.sound';

type Store = Pick<Storage, 'getItem' | 'setItem'>;

function localStore(): Store | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Off unless the moderator turned it on (on this device). */
export function readSoundSetting(storage: Store | null = localStore()): boolean {
  try {
    return storage?.getItem(SOUND_SETTING_KEY) === 'on';
  } catch {
    return false;
  }
}

export function storeSoundSetting(on: boolean, storage: Store | null = localStore()): void {
  try {
    storage?.setItem(SOUND_SETTING_KEY, on ? 'on' : 'off');
  } catch {
    // Not remembered when storage is blocked; the toggle still works for this visit.
  }
}

/** `(3) Notes` while 3 escalations wait for someone to claim them. */
export function titleWithCount(base: string, count: number): string {
  return count > 0 ? `(${count}) ${base}` : base;
}

interface AudioLike {
  readonly currentTime: number;
  readonly destination: AudioNode;
  readonly state: string;
  resume(): Promise<void>;
  createOscillator(): OscillatorNode;
  createGain(): GainNode;
}

type AudioFactory = () => AudioLike | null;

function defaultAudio(): AudioLike | null {
  const Context = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  return Context ? new Context() : null;
}

let shared: AudioLike | null = null;

/**
 * Prepares the sound. Browsers only allow audio after a user gesture: call this from the click
 * that turns the sound on, so later beeps (from live events) can play.
 */
export function unlockAudio(create: AudioFactory = defaultAudio): void {
  try {
    shared ??= create();
    if (shared?.state === 'suspended') void shared.resume().catch(() => undefined);
  } catch {
    shared = null;
  }
}

/** Two short, soft tones (about 0.4 s). Silently does nothing where audio is not available. */
export function beep(create: AudioFactory = defaultAudio): boolean {
  try {
    shared ??= create();
    const audio = shared;
    if (!audio) return false;
    if (audio.state === 'suspended') void audio.resume().catch(() => undefined);
    for (const [offset, frequency] of [
      [0, 880],
      [0.22, 660],
    ] as const) {
      const start = audio.currentTime + offset;
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.2, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.18);
      oscillator.connect(gain);
      gain.connect(audio.destination);
      oscillator.start(start);
      oscillator.stop(start + 0.2);
    }
    return true;
  } catch {
    return false;
  }
}

/** For tests: forget the shared audio context. */
export function resetAudio(): void {
  shared = null;
}
