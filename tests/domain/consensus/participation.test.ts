import { describe, expect, it } from "vitest";
import { clusteringVoteThreshold, selectClusteredParticipants } from "../../../src/domain/consensus/participation.js";

describe("who is clustered", () => {
  it("needs min(7, number of statements) votes", () => {
    expect(clusteringVoteThreshold(50)).toBe(7);
    expect(clusteringVoteThreshold(7)).toBe(7);
    expect(clusteringVoteThreshold(4)).toBe(4);
  });

  it("selects the participants at or above the threshold", () => {
    expect(Array.from(selectClusteredParticipants(Int32Array.from([7, 6, 12, 0, 7]), 50))).toEqual([0, 2, 4]);
  });

  it("with 3 statements, 3 votes are enough and 2 are not", () => {
    expect(Array.from(selectClusteredParticipants(Int32Array.from([3, 2, 1]), 3))).toEqual([0]);
  });

  it("never clusters someone without votes, even with no statements", () => {
    expect(Array.from(selectClusteredParticipants(Int32Array.from([0, 0]), 0))).toEqual([]);
  });
});
