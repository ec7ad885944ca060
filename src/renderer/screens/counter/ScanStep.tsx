import { useEffect, useRef, useState } from 'react';
import { ActionButton } from '../../components/ActionButton.js';
import { useImageKeys } from '../../keyboard/use-image-keys.js';
import { useCounter } from '../../stores/counter-store.js';

/**
 * « Numérisation de l'ordonnance » (SCOR, phase 1 and paper): the document scanner's image file
 * (Ctrl+O) or a webcam photo (Ctrl+K, Entrée takes it). Échap leaves it « à numériser ».
 */
export function ScanStep() {
  const { attachScan, scanMessage, scanDone, forward } = useCounter();
  const input = useRef<HTMLInputElement>(null);
  const finish = useRef<HTMLDivElement>(null);
  const [camera, setCamera] = useState(false);

  useImageKeys(
    () => input.current?.click(),
    () => setCamera((c) => !c),
  );
  useEffect(() => {
    if (scanDone) finish.current?.querySelector('button')?.focus();
  }, [scanDone]);

  return (
    <section aria-labelledby="scan-title">
      <h2 id="scan-title">Numérisation de l'ordonnance</h2>
      <p>
        Numérisez l’ordonnance papier : le fichier du scanner de documents, ou une photo à la webcam. Elle part pour SCOR avec la
        délivrance.
      </p>
      <input
        ref={input}
        type="file"
        accept="image/jpeg,image/png"
        className="visually-hidden"
        aria-label="Image de l’ordonnance"
        data-testid="scan-input"
        tabIndex={-1}
        onChange={(e) => e.target.files?.[0] && void attachScan(e.target.files[0])}
      />
      {camera && !scanDone ? <CameraShot onShot={(blob) => void attachScan(blob).then(() => setCamera(false))} /> : null}
      {scanMessage ? (
        <p className="ok-message" data-testid="scan-result">
          {scanMessage}
        </p>
      ) : null}
      <div className="actions" ref={finish}>
        <ActionButton k="Ctrl+O" onClick={() => input.current?.click()}>
          Fichier du scanner
        </ActionButton>
        <ActionButton k="Ctrl+K" onClick={() => setCamera((c) => !c)}>
          {camera ? 'Arrêter la webcam' : 'Webcam'}
        </ActionButton>
        <ActionButton k="F9" primary={scanDone} onClick={() => void forward()}>
          Terminer
        </ActionButton>
        <ActionButton k="Échap" onClick={() => void forward()}>
          Plus tard (à numériser)
        </ActionButton>
      </div>
    </section>
  );
}

/** The webcam's live image; Entrée (or the button) takes the photo as a JPEG. */
function CameraShot({ onShot }: { onShot: (image: Blob) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const take = useRef<HTMLButtonElement>(null);
  const [message, setMessage] = useState('Présentez l’ordonnance à plat devant la webcam, puis Entrée.');
  useEffect(() => {
    let stream: MediaStream | null = null;
    navigator.mediaDevices
      ?.getUserMedia({ video: { width: { ideal: 1920 }, height: { ideal: 1080 } }, audio: false })
      .then((s) => {
        stream = s;
        if (video.current) video.current.srcObject = s;
        take.current?.focus();
      })
      .catch(() => setMessage('Webcam inaccessible : vérifiez qu’elle est branchée et autorisée.'));
    return () => stream?.getTracks().forEach((t) => t.stop());
  }, []);
  const shoot = (): void => {
    const v = video.current;
    if (!v || v.videoWidth === 0) return setMessage('La webcam ne donne pas encore d’image.');
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d')?.drawImage(v, 0, 0);
    canvas.toBlob((blob) => blob && onShot(blob), 'image/jpeg', 0.92);
  };
  return (
    <div className="camera">
      <video ref={video} autoPlay muted playsInline aria-label="Image de la webcam" />
      <button ref={take} type="button" onClick={shoot}>
        Prendre la photo (Entrée)
      </button>
      <p className="muted" role="status">
        {message}
      </p>
    </div>
  );
}
