// The uncaught exception as the sandbox's launcher records it inside the program's interpreter: part
// of what a run reports (RunResult.captured), so it lives with the runner contract. errors/ reads it
// (capturedRecord.ts) and turns it into a PythonError (capturedException.ts).

export interface CapturedFrame {
  file: string;
  line: number;
  function: string;
  source: string | null;
  /** 3.11+: the failing expression, 1-based characters, end exclusive. */
  column?: number | null;
  endLine?: number | null;
  endColumn?: number | null;
}

export interface CapturedException {
  type: string;
  /** Set by the launcher for classes of `__main__`, whose `type` it records without the module. */
  qualifiedType?: string;
  message: string;
  notes: string[];
  frames: CapturedFrame[];
  syntax?: { file: string | null; line: number | null; offset: number | null; endLine: number | null; endOffset: number | null; text: string | null };
  cause: CapturedException | null;
  context: CapturedException | null;
  exceptions: CapturedException[];
  /** An AttributeError's object's attribute names, or the parameters of a call's callee (unexpected keyword). */
  candidates?: string[];
  /** The interpreter's release series, "3.11" (the outermost exception only). */
  python?: string;
}
