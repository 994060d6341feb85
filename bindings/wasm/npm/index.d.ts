/** Settings for `extract` and `isProbablyReaderable`; every field is optional, unknown keys are an error. */
export interface Options {
  /** The page's address: resolves relative links and images. Default: none. */
  url?: string | null;
  /** Fewest characters an extraction must hold before it is accepted. Default: 500. */
  charThreshold?: number;
  /** Top-scoring candidates compared when picking the article. Default: 5. */
  nbTopCandidates?: number;
  /** Largest input accepted, in bytes (UTF-8). Default: 64 MiB. */
  maxInputBytes?: number;
  /** Most elements parsed; 0 means no limit. Default: 1,000,000. */
  maxElements?: number;
  /** Deepest nesting kept; deeper elements are flattened. Default: 256. */
  maxDepth?: number;
  /** Most attributes kept on one tag; the rest are dropped. Default: 256. */
  maxAttributes?: number;
  /** Keep `class` attributes in `content`. Default: false. */
  keepClasses?: boolean;
  /** Classes kept even when `keepClasses` is false. Default: ["page"]. */
  classesToPreserve?: string[];
  /** Keep images and figures. Default: true. */
  keepImages?: boolean;
  /** Keep data tables. Default: true. */
  keepTables?: boolean;
  /** Keep `pre`/`code` blocks. Default: true. */
  keepCode?: boolean;
}

/** A clean article, with Readability.js's key names. */
export interface Article {
  title: string | null;
  byline: string | null;
  /** "ltr" / "rtl" when the page states a direction. */
  dir: string | null;
  lang: string | null;
  /** The article as sanitized HTML, safe to render; links and images absolute. */
  content: string;
  /** Plain text: blocks separated by blank lines. */
  textContent: string;
  /** Characters in `textContent`. */
  length: number;
  excerpt: string | null;
  siteName: string | null;
  /** Publication time as found on the page (ISO 8601 where the page gives it so). */
  publishedTime: string | null;
  leadImageUrl: string | null;
  wordCount: number;
  readingTimeMinutes: number;
  /** `isProbablyReaderable`'s verdict on the same page, from the same parse. */
  readerable: boolean;
}

/** Why no article was returned. */
export type ErrorKind =
  | 'NoArticle'
  | 'InputTooLarge'
  | 'TooManyElements'
  | 'InvalidUrl'
  | 'InvalidOptions'
  | 'InvalidInput'
  | 'InvalidArticle'
  | 'InvalidLine'
  | 'InvalidRecord'
  | 'Io'
  | 'Internal';

/** The `Error` every function throws, with a stable `kind`. */
export interface LecternError extends Error {
  kind: ErrorKind;
}

/**
 * A compiled `WebAssembly.Module`. The WebAssembly types come with the DOM
 * lib only, so a Node.js-only project (`--lib es2022 --types node`) gets
 * `object` here instead of an error.
 */
export type WasmModule = typeof globalThis extends { WebAssembly: { Module: abstract new (...args: never) => infer M } }
  ? M
  : object;

/** The bytes of the wasm file (the DOM lib's `BufferSource`). */
export type WasmBytes = ArrayBuffer | ArrayBufferView;

/**
 * Anything `init` can load the wasm module from: a URL, a `Request` or the
 * `Response` of a `fetch`, the bytes, or a compiled module. `Request`,
 * `Response` and `URL` are the DOM lib's or, in Node.js, @types/node's.
 */
export type InitInput =
  | string
  | URL
  | Request
  | Response
  | WasmBytes
  | WasmModule;

/**
 * Loads the wasm module. Call once (and await) before any other function in
 * browsers; in Node.js it is a resolved no-op.
 */
export default function init(
  input?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>
): Promise<unknown>;

/** Synchronous variant of `init` for an already fetched module. */
export function initSync(module: { module: WasmBytes | WasmModule } | WasmBytes | WasmModule): unknown;

/** Extracts the article from a page's HTML. Throws a `LecternError` when there is none. */
export function extract(html: string, options?: Options | null): Article;

/** A cheap guess (no extraction) whether the page holds an article. */
export function isProbablyReaderable(html: string, options?: Options | null): boolean;

/** The article as Markdown. */
export function toMarkdown(article: Article): string;

/** The article as a standalone HTML reader page (inline CSS, strict CSP). */
export function readerPage(article: Article): string;

/** Every `ErrorKind`, in the documented order. */
export function errorKinds(): ErrorKind[];

/** The engine's version. */
export function version(): string;
