import { nodeResolve } from '@rollup/plugin-node-resolve';
import { importMetaAssets } from '@web/rollup-plugin-import-meta-assets';

export default {
  // The worker is an entry of its own, so that it is bundled (with the engine)
  // instead of copied as a file whose `import 'lectern'` a browser cannot resolve.
  input: ['main.js', 'extract-worker.js'],
  output: { dir: 'dist', format: 'es', entryFileNames: '[name].js' },
  plugins: [
    nodeResolve({ browser: true }),
    // Emits lectern_bg.wasm, named by `new URL(..., import.meta.url)` in the
    // package; worker-client.js is left out, as its URL names the entry above.
    importMetaAssets({ exclude: ['worker-client.js'] }),
  ],
};
