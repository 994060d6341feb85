// A TypeScript program using every export of the npm package's index.d.ts,
// type-checked by types.test.mjs under a Node-only and a DOM setup
// (consumer-dom.ts adds what needs the DOM lib's types).
import init, {
  initSync,
  extract,
  isProbablyReaderable,
  toMarkdown,
  readerPage,
  errorKinds,
  version,
  type Article,
  type ErrorKind,
  type InitInput,
  type LecternError,
  type Options,
} from 'lectern';

const options: Options = {
  url: 'https://example.com/story',
  charThreshold: 200,
  maxDepth: 64,
  classesToPreserve: ['page'],
  keepImages: false,
};

export async function main(bytes: Uint8Array): Promise<void> {
  const url = new URL('https://example.com/lectern_bg.wasm');
  await init();
  await init(url);
  await init(url.href);
  await init(fetch(url));
  await init({ module_or_path: await fetch(url) });
  await init({ module_or_path: bytes });
  initSync({ module: bytes.buffer });
  initSync(bytes);
  const input: InitInput = bytes;
  await init(input);
  const html = '<html><body><p>text</p></body></html>';
  if (!isProbablyReaderable(html, null)) return;
  try {
    const article: Article = extract(html, options);
    const title: string | null = article.title;
    const words: number = article.wordCount;
    console.log(title, words, toMarkdown(article).length, readerPage(article).length);
  } catch (e) {
    const kind: ErrorKind = (e as LecternError).kind;
    console.log(kind, (e as LecternError).message);
  }
  const kinds: ErrorKind[] = errorKinds();
  const v: string = version();
  console.log(kinds, v);
}
