import { describe, expect, it } from "vitest";
import { statementExtremity } from "../../../src/domain/consensus/extremity.js";

describe("statement extremity", () => {
  it("is the length of the statement's loadings on the two components", () => {
    const e = statementExtremity([Float64Array.from([0.6, 0, 0.3]), Float64Array.from([0.8, 0, -0.4])]);
    expect(Array.from(e)).toEqual([1, 0, 0.5]);
  });
});
