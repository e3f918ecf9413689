// The `hyphen` package ships no types; its French patterns module, as used here.
declare module 'hyphen/fr/index.js' {
  const fr: { hyphenateSync(text: string, options?: { hyphenChar?: string }): string };
  export default fr;
}
