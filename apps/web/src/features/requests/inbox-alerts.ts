import { useSyncExternalStore } from 'react';

/**
 * How a provider notices a new request at night: the item is highlighted (until answered), and a
 * short beep plays — generated with the Web Audio API (no asset), only once the user has touched the
 * page (browsers refuse sound before that) and unless muted. The mute choice survives reloads.
 */
const MUTE_KEY = 'akiwa.inboxMuted';

export function createStore<T>(initial: T) {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(next: T) {
      value = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

// ---- highlight of requests that arrived live ----

const fresh = createStore<ReadonlySet<string>>(new Set());

export function markFresh(requestId: string): void {
  fresh.set(new Set([...fresh.get(), requestId]));
}

export function clearFresh(requestId: string): void {
  if (!fresh.get().has(requestId)) return;
  const next = new Set(fresh.get());
  next.delete(requestId);
  fresh.set(next);
}

export function useFreshRequests(): ReadonlySet<string> {
  return useSyncExternalStore(fresh.subscribe, fresh.get);
}

// ---- mute toggle ----

function readMuted(): boolean {
  try {
    return localStorage.getItem(MUTE_KEY) === '1';
  } catch {
    return false;
  }
}

const muted = createStore<boolean>(readMuted());

export function setMuted(value: boolean): void {
  try {
    localStorage.setItem(MUTE_KEY, value ? '1' : '0');
  } catch {
    // storage unavailable: the choice lasts for this page only
  }
  muted.set(value);
}

export function useMuted(): boolean {
  return useSyncExternalStore(muted.subscribe, muted.get);
}

// ---- sound ----

let audio: AudioContext | null = null;
const interacted = createStore<boolean>(false);

/** Creates (or resumes) the audio context inside a user gesture, which is what browsers require. */
function unlock(): void {
  interacted.set(true);
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') void audio.resume();
  } catch {
    audio = null; // no Web Audio: silent, the highlight and badge still show
  }
  window.removeEventListener('pointerdown', unlock);
  window.removeEventListener('keydown', unlock);
}

if (typeof window !== 'undefined') {
  window.addEventListener('pointerdown', unlock);
  window.addEventListener('keydown', unlock);
}

/**
 * The explicit 「音を鳴らす」 switch: its tap is the user gesture that unlocks audio, so the very first
 * request after it is heard; a short tone confirms that sound works.
 */
export function enableSound(): void {
  unlock();
  setMuted(false);
  playAlert();
}

export function useSoundReady(): boolean {
  return useSyncExternalStore(interacted.subscribe, interacted.get);
}

const played = createStore<number>(0);

/** How many alert sounds this page has played (shown on the sound switch, so it can be checked). */
export function useSoundsPlayed(): number {
  return useSyncExternalStore(played.subscribe, played.get);
}

/** Two short tones (880 Hz then 660 Hz), quiet enough for a night shift. */
export function playAlert(): void {
  if (muted.get() || !audio || audio.state !== 'running') return;
  played.set(played.get() + 1);
  const start = audio.currentTime;
  for (const [offset, frequency] of [
    [0, 880],
    [0.22, 660],
  ] as const) {
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.25, start + offset + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.18);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(start + offset);
    oscillator.stop(start + offset + 0.2);
  }
}
