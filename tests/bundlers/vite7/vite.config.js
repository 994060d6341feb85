// Vite 5 to 7 only: their dev server pre-bundles dependencies into
// node_modules/.vite/deps/ without the wasm file beside them. Vite 8 needs no config.
export default { optimizeDeps: { exclude: ['lectern'] } };
