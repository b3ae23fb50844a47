import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  type DuckDBType,
  type DuckDBValue,
  INTEGER,
  LIST,
  listValue,
  TIMESTAMP,
  timestampValue,
  VARCHAR,
} from '@duckdb/node-api';

/** Collects bound parameters and hands out their positional placeholders (`$1`, `$2`, …); values never enter SQL text. */
export class SqlParams {
  readonly values: DuckDBValue[] = [];
  readonly types: DuckDBType[] = [];
  private readonly releases: (() => void)[] = [];

  /** Registers a clean-up to run once the query is done (e.g. a polygon lent to `twin_pip`). */
  onRelease(fn: () => void): void {
    this.releases.push(fn);
  }

  /** Runs the clean-ups; call after the query finished or failed. */
  release(): void {
    for (const fn of this.releases.splice(0)) fn();
  }

  /** An INTEGER parameter. */
  int(v: number): string {
    return this.push(v, INTEGER);
  }

  private push(value: DuckDBValue, type: DuckDBType): string {
    this.values.push(value);
    this.types.push(type);
    return `$${this.values.length}`;
  }

  /** A DOUBLE parameter. */
  double(v: number): string {
    return this.push(v, DOUBLE);
  }
  /** A VARCHAR parameter. */
  text(v: string): string {
    return this.push(v, VARCHAR);
  }
  /** A BOOLEAN parameter. */
  bool(v: boolean): string {
    return this.push(v, BOOLEAN);
  }
  /** A BIGINT parameter. */
  bigint(v: bigint): string {
    return this.push(v, BIGINT);
  }
  /** A TIMESTAMP parameter from epoch microseconds. */
  timestamp(us: bigint): string {
    return this.push(timestampValue(us), TIMESTAMP);
  }
  /** A VARCHAR[] parameter. */
  textList(v: string[]): string {
    return this.push(listValue(v), LIST(VARCHAR));
  }
  /** An INTEGER[] parameter. */
  intList(v: ArrayLike<number>): string {
    return this.push(listValue(Array.from(v)), LIST(INTEGER));
  }
  /** A DOUBLE[] parameter. */
  doubleList(v: number[]): string {
    return this.push(listValue(v), LIST(DOUBLE));
  }
  /** A DOUBLE[][][] parameter (e.g. bands of edges). */
  doubleList3(v: number[][][]): string {
    return this.push(
      listValue(v.map((a) => listValue(a.map((b) => listValue(b))))),
      LIST(LIST(LIST(DOUBLE))),
    );
  }
}

/** Quotes an identifier that comes from the layer registry (never from a request). */
export function quoteIdent(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`unsafe identifier "${name}"`);
  return `"${name}"`;
}
