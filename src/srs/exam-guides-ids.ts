// The ids of the bundled exam guides (their figures are in src/analysis/guides.ts), so that srs and store can check
// a stored guide id without loading the table.

export const GUIDE_IDS = ["dva-c02", "saa-c03", "scs-c03"] as const;

export function findGuideId(id: string): string | undefined {
  return GUIDE_IDS.find((g) => g === id.toLowerCase());
}
