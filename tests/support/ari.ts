// The adjusted Rand index lives in the domain now (analyze prints it beside Pol.is's groups).
export { adjustedRandIndex } from "../../src/domain/consensus/agreement.js";
