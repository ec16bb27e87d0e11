import { afterEach, describe, expect, it, vi } from 'vitest';
import { beep, readSoundSetting, resetAudio, SOUND_SETTING_KEY, storeSoundSetting, titleWithCount } from './alerts';

afterEach(() => resetAudio());

function fakeAudio() {
  const started: number[] = [];
  const frequencies: number[] = [];
  const node = () => ({ connect: vi.fn() });
  const audio = {
    currentTime: 5,
    destination: {} as AudioNode,
    state: 'running',
    resume: vi.fn(async () => undefined),
    createOscillator: () =>
      ({
        ...node(),
        type: 'square',
        frequency: {
          set value(v: number) {
            frequencies.push(v);
          },
        },
        start: (at: number) => started.push(at),
        stop: vi.fn(),
      }) as unknown as OscillatorNode,
    createGain: () => ({ ...node(), gain: { setValueAtTime: vi.fn(), exponentialRampToValueAtTime: vi.fn() } }) as unknown as GainNode,
  };
  return { audio, started, frequencies };
}

describe('alerts of the console', () => {
  it('the sound is off until turned on, and the choice is remembered', () => {
    expect(readSoundSetting()).toBe(false);
    storeSoundSetting(true);
    expect(window.localStorage.getItem(SOUND_SETTING_KEY)).toBe('on');
    expect(readSoundSetting()).toBe(true);
    storeSoundSetting(false);
    expect(readSoundSetting()).toBe(false);
  });

  it('puts the count of waiting escalations in front of the tab title', () => {
    expect(titleWithCount('Notities', 0)).toBe('Notities');
    expect(titleWithCount('Notities', 3)).toBe('(3) Notities');
  });

  it('beeps with two short tones from WebAudio', () => {
    const { audio, started, frequencies } = fakeAudio();
    expect(beep(() => audio)).toBe(true);
    expect(frequencies).toEqual([880, 660]);
    expect(started).toEqual([5, 5.22]);
  });

  it('does nothing where there is no audio', () => {
    expect(beep(() => null)).toBe(false);
  });
});
