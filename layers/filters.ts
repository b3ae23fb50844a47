/**
 * The attribute-filter vocabulary shared by the server (`filter=col:op:value` → SQL), the viewer's URL state and
 * filter editor, and the 3D Tiles style built from filters. One list of operators, one symbol table.
 */

/** Filter operators in the order the API documents them. */
export const FILTER_OPS = ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'in'] as const;

/** One filter operator. */
export type FilterOp = (typeof FILTER_OPS)[number];

/** Operators that compare one value (all but `in`). */
export type ComparisonOp = Exclude<FilterOp, 'in'>;

/** Separator of the values of an `in` filter: `filter=status:in:running|fault`. */
export const IN_SEPARATOR = '|';

/** SQL operator of each comparison. */
export const SQL_COMPARISON: Readonly<Record<ComparisonOp, string>> = {
  eq: '=',
  ne: '<>',
  lt: '<',
  le: '<=',
  gt: '>',
  ge: '>=',
};

/** 3D Tiles styling-language (JavaScript-like) operator of each comparison. */
export const STYLE_COMPARISON: Readonly<Record<ComparisonOp, string>> = {
  eq: '===',
  ne: '!==',
  lt: '<',
  le: '<=',
  gt: '>',
  ge: '>=',
};

/** How each operator reads on screen (filter editor, legends). */
export const FILTER_OP_SYMBOLS: Readonly<Record<FilterOp, string>> = {
  eq: '=',
  ne: '≠',
  lt: '<',
  le: '≤',
  gt: '>',
  ge: '≥',
  in: '∈',
};

/** The comparison operators (every operator but `in`), in API order. */
export const COMPARISON_OPS: readonly ComparisonOp[] = FILTER_OPS.filter(
  (o): o is ComparisonOp => o !== 'in',
);

/** Operators that make sense on a boolean column. */
export const BOOL_OPS: readonly FilterOp[] = ['eq', 'ne', 'in'];

const OPS: ReadonlySet<string> = new Set(FILTER_OPS);

/** True when `text` names a filter operator. */
export function isFilterOp(text: string): text is FilterOp {
  return OPS.has(text);
}

/** The pattern of one `col:op:value` filter: column identifier, operator, raw value (captured in that order). */
export const FILTER_PATTERN = new RegExp(`^([A-Za-z_][A-Za-z0-9_]*):(${FILTER_OPS.join('|')}):(.*)$`, 's');
