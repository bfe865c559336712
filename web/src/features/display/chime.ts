/** A short two-tone chime with the Web Audio API; silently nothing where audio is unavailable. */
export function createChime(): { play: () => void; close: () => void } {
  let context: AudioContext | null = null;
  return {
    play() {
      try {
        context ??= new AudioContext();
        // Browsers start audio suspended until a user gesture; the chime toggle is that gesture.
        void context.resume();
        const start = context.currentTime;
        for (const [offset, frequency] of [
          [0, 880],
          [0.28, 660],
        ] as const) {
          const oscillator = context.createOscillator();
          const gain = context.createGain();
          oscillator.type = 'sine';
          oscillator.frequency.value = frequency;
          gain.gain.setValueAtTime(0.0001, start + offset);
          gain.gain.exponentialRampToValueAtTime(0.3, start + offset + 0.02);
          gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.5);
          oscillator.connect(gain).connect(context.destination);
          oscillator.start(start + offset);
          oscillator.stop(start + offset + 0.55);
        }
      } catch {
        // No audio on this device: the screen still updates.
      }
    },
    close() {
      void context?.close();
      context = null;
    },
  };
}
