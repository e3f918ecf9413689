/**
 * Stage 7 — write: the audit diff, a unified diff from the original text to the
 * clean text (the `diff` package, line mode). A diff that would take too long
 * (huge rewrites) falls back to one hunk replacing everything, which is still a
 * valid, complete patch.
 */
import { createTwoFilesPatch } from 'diff';

export function auditDiff(name: string, original: string, clean: string): string {
  const a = `a/${name}`;
  const b = `b/${name.replace(/\.[^.]+$/, '')}.clean.txt`;
  const origLf = original.replace(/\r\n/g, '\n');
  const patch = createTwoFilesPatch(a, b, origLf.endsWith('\n') ? origLf : origLf + '\n', clean, undefined, undefined, {
    context: 1,
    timeout: 4000,
  } as Parameters<typeof createTwoFilesPatch>[6]);
  if (patch) return patch;
  return wholeFileHunk(a, b, origLf, clean);
}

function wholeFileHunk(a: string, b: string, original: string, clean: string): string {
  const ol = original.replace(/\n$/, '').split('\n');
  const cl = clean.replace(/\n$/, '').split('\n');
  return [
    `--- ${a}`,
    `+++ ${b}`,
    `@@ -1,${ol.length} +1,${cl.length} @@`,
    ...ol.map((l) => `-${l}`),
    ...cl.map((l) => `+${l}`),
    '',
  ].join('\n');
}
