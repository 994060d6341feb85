// What only a project with the DOM lib can name: a compiled
// WebAssembly.Module and a Request, passed to init/initSync.
import init, { initSync, type InitInput, type WasmModule } from 'lectern';

export async function main(module: WebAssembly.Module): Promise<void> {
  initSync({ module });
  initSync(module);
  await init(module);
  await init(new Request('https://example.com/lectern_bg.wasm'));
  const input: InitInput = module;
  const typed: WasmModule = module;
  const back: WebAssembly.Module = typed;
  console.log(input, back);
}
