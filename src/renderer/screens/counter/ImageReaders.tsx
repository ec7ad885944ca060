import { useEffect, useRef, useState } from 'react';
import { ActionButton } from '../../components/ActionButton.js';
import { useImageKeys } from '../../keyboard/use-image-keys.js';
import type { FoundCode } from '../../codes/zxing-browser.js';
import { requireApi } from '../../stores/app-store.js';
import { useAnnouncer } from '../../stores/announcer-store.js';

const MAX_IMAGE_BYTES = 40 * 1024 * 1024;

/** zxing-wasm is loaded on first use only: start-up and the scan-to-screen path never pay for it. */
async function readCodes(source: Blob | ImageData): Promise<FoundCode[]> {
  return (await import('../../codes/zxing-browser.js')).readCodes(source);
}

/** Sends what an image or the camera read through the same path as the e-reader (classified in main). */
async function deliver(text: string, source: 'image' | 'camera'): Promise<void> {
  await requireApi().call('codes.classify', { text: text.slice(0, 8192), source });
}

/** Reading the QR code from an image file (chosen or dropped) or from the webcam. */
export function ImageReaders() {
  const input = useRef<HTMLInputElement>(null);
  const [camera, setCamera] = useState(false);

  useImageKeys(
    () => input.current?.click(),
    () => setCamera((c) => !c),
  );

  const readFile = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    if (file.size > MAX_IMAGE_BYTES || !/^image\/(png|jpeg)$/.test(file.type))
      return useAnnouncer.getState().alert('Image refusée : PNG ou JPEG de 40 Mio au plus.');
    const codes = await readCodes(file);
    if (codes.length === 0)
      return useAnnouncer.getState().alert('Aucun QR code lisible dans cette image : essayez une image plus nette ou saisissez le numéro.');
    await deliver(codes[0]!.text, 'image');
  };

  return (
    <div
      className="image-readers"
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        void readFile(e.dataTransfer.files[0]);
      }}
    >
      <input
        ref={input}
        type="file"
        accept="image/png,image/jpeg"
        className="visually-hidden"
        aria-label="Image du QR code"
        data-testid="image-input"
        onChange={(e) => void readFile(e.target.files?.[0])}
        tabIndex={-1}
      />
      <ActionButton k="Ctrl+O" onClick={() => input.current?.click()}>
        Lire une image
      </ActionButton>
      <ActionButton k="Ctrl+K" onClick={() => setCamera((c) => !c)}>
        {camera ? 'Arrêter la webcam' : 'Webcam'}
      </ActionButton>
      {camera ? <CameraReader onStop={() => setCamera(false)} /> : null}
    </div>
  );
}

/** The webcam: a frame every 200 ms through zxing-wasm until a code is read. */
function CameraReader({ onStop }: { onStop: () => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [message, setMessage] = useState('Présentez le QR code à la webcam…');
  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: number | undefined;
    let done = false;
    const canvas = document.createElement('canvas');
    const scan = async (): Promise<void> => {
      const v = video.current;
      if (done || !v || v.videoWidth === 0) return;
      canvas.width = v.videoWidth;
      canvas.height = v.videoHeight;
      const ctx = canvas.getContext('2d', { willReadFrequently: true });
      if (!ctx) return;
      ctx.drawImage(v, 0, 0);
      const codes = await readCodes(ctx.getImageData(0, 0, canvas.width, canvas.height));
      if (codes[0] && !done) {
        done = true;
        await deliver(codes[0].text, 'camera');
        onStop();
      }
    };
    navigator.mediaDevices
      ?.getUserMedia({ video: { width: { ideal: 1280 }, height: { ideal: 720 } }, audio: false })
      .then((s) => {
        stream = s;
        if (video.current) video.current.srcObject = s;
        timer = window.setInterval(() => void scan(), 200);
      })
      .catch(() => setMessage('Webcam inaccessible : vérifiez qu’elle est branchée et autorisée.'));
    return () => {
      done = true;
      window.clearInterval(timer);
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, [onStop]);
  return (
    <div className="camera">
      <video ref={video} autoPlay muted playsInline aria-label="Image de la webcam" />
      <p className="muted" role="status">
        {message}
      </p>
    </div>
  );
}
