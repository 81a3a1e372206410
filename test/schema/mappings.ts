/** Mapping files shared by the reshaping tests. */

/** Years as columns, constants and one header feeding two fields: a PxWeb download of a Kolada figure. */
export const PXWEB_MAPPING = {
  kpi: { value: "N03926" },
  gender: { value: "T" },
  municipalityId: { header: "Region", part: "first" },
  municipality: { header: "region", part: "rest" },
  unpivot: { columns: "years", key: "år", value: "value" },
};
