// jest setupFiles: runs in each test file's context, before the test file (and before jest installs
// its source-map hook there).
//
// cdktf (and constructs, for construct metadata) records a full stack trace for every token it
// creates, only to quote it in an error about that token: Error.captureStackTrace with
// Error.stackTraceLimit raised to Number.MAX_SAFE_INTEGER. Under jest, every such trace is formatted
// by the source-map hook, which reads and parses the source map of every file on the stack: tests
// that build stacks outside synth's render (synth turns the recording off itself, see
// withPlainStackTraces in lib/synth/render-fleet.ts) spent more time there than in their own work.
// Such full traces are still recorded here, whole, but formatted by V8's own formatter (positions
// in the JavaScript jest runs rather than in the TypeScript it came from). Every other stack (the
// errors a test makes, sees or prints) keeps jest's source-mapped formatting.
'use strict';
const capture = Error.captureStackTrace;
// V8's own format. (Not `undefined`: Node then falls back to the hook jest installs in its own realm.)
const plain = (error, frames) => `${error}${frames.map((frame) => `\n    at ${frame}`).join('')}`;

Error.captureStackTrace = function captureStackTrace(target, below) {
  if (Error.stackTraceLimit !== Number.MAX_SAFE_INTEGER) return capture(target, below || captureStackTrace);
  const hook = Error.prepareStackTrace;
  Error.prepareStackTrace = plain;
  try {
    capture(target, below || captureStackTrace);
    // Formatted now, while the plain formatter is in place (V8 formats a trace when it is first read).
    void target.stack;
  } finally {
    Error.prepareStackTrace = hook;
  }
};
