import { useEffect, useRef } from 'react';

/** Ctrl+O (an image file) and Ctrl+K (the webcam), for as long as the component using it is shown. */
export function useImageKeys(openFile: () => void, toggleCamera: () => void): void {
  const actions = useRef({ openFile, toggleCamera });
  actions.current = { openFile, toggleCamera };
  useEffect(() => {
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
