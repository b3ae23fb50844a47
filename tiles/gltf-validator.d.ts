/** Minimal types for the parts of the `gltf-validator` package (no bundled typings) that tiles/ uses. */
declare module 'gltf-validator' {
  /** One issue the validator reports; severity 0 error, 1 warning, 2 info, 3 hint. */
  export interface ValidatorMessage {
    code: string;
    message: string;
    severity: number;
    pointer?: string;
  }
  /** The validation report of one asset. */
  export interface ValidatorReport {
    issues: { numErrors: number; numWarnings: number; numInfos: number; messages: ValidatorMessage[] };
  }
  /** Validates a GLB or glTF JSON given as bytes. */
  export function validateBytes(data: Uint8Array, options?: { maxIssues?: number }): Promise<ValidatorReport>;
}
