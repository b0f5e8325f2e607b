// The inline message next to a widget's controls: the first problem with what the student typed,
// else why the engine refused the input, saying that the last valid result is still on screen.
export function Problems({ inputs = [], engine }: { inputs?: (string | null | undefined)[]; engine?: string | null }) {
  const first = inputs.find(Boolean);
  const message = first ?? (engine ? `${engine} The last valid result is still shown.` : null);
  if (!message) return null;
  return (
    <p className="inline-error" role="alert">
      {message}
    </p>
  );
}
