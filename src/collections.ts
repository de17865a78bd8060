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

/** The key of an unordered pair of ids (items, documents): the same whichever comes first. */
export const pairKey = (a: string, b: string): string => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`)

type TypedArray = Int32Array | Float32Array | Float64Array | Uint8Array

/** A typed array of twice the length (at least one) holding `array`'s values first. */
export function doubled<T extends TypedArray>(array: T): T {
  const more = new (array.constructor as new (length: number) => T)(Math.max(1, 2 * array.length))
  more.set(array)
  return more
}

/**
 * A field computed when it is read instead of held: an enumerable own accessor, so JSON, spreads and
 * `Object.keys` see a plain field; assigning it stores the value in its place. Make one descriptor and
 * define it on every object, so that they share one shape and no slot per object.
 */
export function computedField<T extends object, V>(
  name: string,
  compute: (self: T) => V,
): PropertyDescriptor {
  return {
    enumerable: true,
    configurable: true,
    get(this: T): V {
      return compute(this)
    },
    set(this: T, value: V): void {
      Object.defineProperty(this, name, { value, writable: true, enumerable: true, configurable: true })
    },
  }
}

/**
 * Each item's place in id order, by index: ties broken by it do not depend on the order the items
 * were given in (the candidate index and the link selection both break ties so).
 */
export function ranksById(items: ReadonlyArray<{ id: string }>): Int32Array {
  const order = items
    .map((_, k) => k)
    .sort((x, y) => {
      const a = (items[x] as { id: string }).id
      const b = (items[y] as { id: string }).id
      return a < b ? -1 : a > b ? 1 : 0
    })
  const rank = new Int32Array(order.length)
  order.forEach((item, r) => {
    rank[item] = r
  })
  return rank
}
