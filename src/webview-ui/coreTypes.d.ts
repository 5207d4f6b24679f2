// Core's types reach the browser code through protocol.ts; one of them names Node's timer type,
// which this browser-only type-check does not load.
declare namespace NodeJS {
  type Timeout = ReturnType<typeof setTimeout>;
}
