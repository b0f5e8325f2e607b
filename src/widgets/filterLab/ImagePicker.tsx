// Choosing what to filter: the sample photos (each with its credit), the student's own image by
// file picker or drag-and-drop, or the live webcam. Problems with a file or the camera appear here.
import { useRef, useState } from 'react';
import { SAMPLES, type SampleId } from './schema';

export type Source = { kind: 'sample'; id: SampleId } | { kind: 'file'; name: string } | { kind: 'webcam' };

export interface ImagePickerProps {
  id: string;
  source: Source;
  onSample: (id: SampleId) => void;
  onFile: (file: File) => void;
  cameraOn: boolean;
  onCamera: (on: boolean) => void;
  message: { kind: 'error' | 'note'; text: string } | null;
}

export function ImagePicker({ id, source, onSample, onFile, cameraOn, onCamera, message }: ImagePickerProps) {
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  return (
    <div
      className={`image-picker${dragging ? ' dragging' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        const file = e.dataTransfer.files[0];
        if (file) onFile(file);
      }}
    >
      <ul className="samples" aria-label="Sample photos">
        {SAMPLES.map((s) => (
          <li key={s.id}>
            <button type="button" aria-pressed={source.kind === 'sample' && source.id === s.id} onClick={() => onSample(s.id)} data-testid={`${id}-sample-${s.id}`}>
              <img src={s.file} alt="" width={72} height={72} loading="lazy" />
              <span className="sample-title">{s.title}</span>
            </button>
            <span className="credit">{s.credit}</span>
          </li>
        ))}
      </ul>
      <div className="controls-row own-image">
        <button type="button" onClick={() => input.current?.click()}>Open your own image…</button>
        <input ref={input} type="file" accept="image/png,image/jpeg,image/webp" hidden data-testid={`${id}-file`} onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) onFile(file);
          e.target.value = '';
        }} />
        <span className="drop-hint">or drop a PNG, JPEG or WebP here.</span>
        <button type="button" aria-pressed={cameraOn} onClick={() => onCamera(!cameraOn)} data-testid={`${id}-camera`}>
          {cameraOn ? 'Stop the webcam' : 'Use the webcam'}
        </button>
        {source.kind === 'file' && <span className="source-name">Showing {source.name}</span>}
      </div>
      <p className="privacy-note">Your images and the camera stay on this computer: nothing is uploaded, and links reopen the sample photo.</p>
      {message && (
        <p className={message.kind === 'error' ? 'inline-error' : 'image-note'} role={message.kind === 'error' ? 'alert' : 'status'} data-testid={`${id}-image-message`}>
          {message.text}
        </p>
      )}
    </div>
  );
}
