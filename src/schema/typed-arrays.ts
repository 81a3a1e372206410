/** Growing and trimming the typed arrays a column is built in (column builders and the parallel merge). */

export type Grown = Int8Array | Uint8Array | Int32Array | Float64Array;

/** `arr` when index n fits, else a copy of it at least twice as long (doubling: amortised O(1) a row). */
export function fit<A extends Grown>(arr: A, n: number): A {
  if (n < arr.length) return arr;
  const next = new (arr.constructor as new (length: number) => A)(Math.max(arr.length * 2, n + 1));
  next.set(arr);
  return next;
}

/**
 * The first n rows of an array made for about that many: a view when they fill most of it (no
 * copy is made), else a copy that leaves the rest behind.
 */
export function firstRows<A extends Grown>(arr: A, n: number): A {
  return (n * 8 >= arr.length * 7 ? arr.subarray(0, n) : arr.slice(0, n)) as A;
}
