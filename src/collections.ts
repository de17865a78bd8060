/** Small helpers for the maps and typed arrays the pipeline's stages grow. */

/** The value of `key` in `map`, made and stored when missing. */
export function stored<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key)
  if (value === undefined) {
    value = make()
    map.set(key, value)
  }
  return value
}

type TypedArray = Int32Array | Float32Array | Float64Array | Uint8Array

/** A typed array of twice the length (at least one) holding `array`'s values first. */
export function doubled<T extends TypedArray>(array: T): T {
  const more = new (array.constructor as new (length: number) => T)(Math.max(1, 2 * array.length))
  more.set(array)
  return more
}
