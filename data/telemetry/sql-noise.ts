/** SQL macros shared by the SQL telemetry generators: deterministic hash noise in [0, 1). */
export function noiseMacroSql(): string {
  return `CREATE OR REPLACE MACRO u01(a, b, c) AS ((hash(a, b, c) >> 11)::DOUBLE / 9007199254740992.0);`;
}
