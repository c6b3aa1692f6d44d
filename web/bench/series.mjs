/** `count` pseudo-random signed 31-bit values (a linear congruential generator): a fixed series. */
export function series(count) {
  let state = 12345;
  return Array.from({ length: count }, () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 1) - 2 ** 30;
  });
}
