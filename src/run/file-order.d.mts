/** The order of a phase's suite files when the runner chooses it (src/run/file-order.mjs). */
export declare const ORDER_ENV: 'BROKER_CONTRACT_FILE_ORDER';
export declare function fileOrder(env: Record<string, string | undefined>): string[] | undefined;
export declare function inOrder<T>(
  items: readonly T[],
  order: readonly string[],
  nameOf: (item: T) => string,
): T[];
