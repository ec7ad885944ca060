import { useLayoutEffect, useRef } from 'react';

/**
 * Ctrl+O (an image file) and Ctrl+K (the webcam), for as long as the component using it is shown.
 * Listening from the layout effect: before the screen is painted, so a key pressed as soon as the
 * window shows is never missed.
 */
export function useImageKeys(openFile: () => void, toggleCamera: () => void): void {
  const actions = useRef({ openFile, toggleCamera });
  actions.current = { openFile, toggleCamera };
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!e.ctrlKey) return;
      const key = e.key.toLowerCase();
      if (key !== 'o' && key !== 'k') return;
      e.preventDefault();
      if (key === 'o') actions.current.openFile();
      else actions.current.toggleCamera();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
