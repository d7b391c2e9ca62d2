// Statement extremity: how far a statement sits from the origin in the PCA's
// statement space, i.e. the length of its loadings (c1_j, c2_j). A statement that
// divides opinion loads heavily on the components and so lies far out.

export function statementExtremity(components: readonly [Float64Array, Float64Array]): Float64Array {
  const [c1, c2] = components;
  const out = new Float64Array(c1.length);
  for (let j = 0; j < c1.length; j++) out[j] = Math.hypot(c1[j]!, c2[j]!);
  return out;
}
